import { formatTokenAmount } from "../format/formatTokenAmount";
import type { ProtocolFigures } from "./findProtocolFiguresOnServer";

const TT = { decimals: 18, symbol: "TT", maxFractionDigits: 2 };
const EUR = { decimals: 18, symbol: "EUR", maxFractionDigits: 4 };

/** The protocol's headline figures, as the indexer's aggregates hold them. */
export function ProtocolFigureList({ figures }: { figures: ProtocolFigures }) {
  const items: Array<[string, string, string]> = [
    ["staked", "TT staked", formatTokenAmount(figures.staking.totalStaked, TT)],
    ["active-listings", "Units for sale", String(figures.market.activeListings)],
    ["active-leases", "Active leases", String(figures.market.activeLeases)],
    ["offered-leases", "Leases on offer", String(figures.market.offeredLeases)],
    ["units", "Unit tokens", String(figures.units)],
    ["passports", "Passport versions anchored", String(figures.passports.versionsAnchored)],
    ["tt-price", "TT price", figures.ttPrice ? formatTokenAmount(figures.ttPrice.price, EUR) : "not posted yet"],
  ];
  return (
    <dl className="figures" data-testid="protocol-figures">
      {items.map(([key, label, value]) => (
        <div className="figure" key={key}>
          <dt>{label}</dt>
          <dd data-testid={`figure-${key}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
