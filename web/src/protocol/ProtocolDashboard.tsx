import { formatUnits } from "viem";
import { listPaymentTokens } from "../contracts/paymentTokens";
import { formatTokenAmount } from "../format/formatTokenAmount";
import { DEFAULT_CHAIN_ID } from "../market/marketTypes";
import { BarChart } from "./BarChart";
import type { ProtocolFigures } from "./findProtocolFiguresOnServer";

const ROLE_LABELS: Record<string, string> = {
  MarketMaker: "Market makers",
  ServiceProvider: "Service providers",
  Oracle: "Price oracles",
};
const FEE_KINDS = ["Sale", "Lease", "Repair", "Attestation"] as const;

/** A chart's geometry only: amounts are drawn as numbers; the labels and tables show them exactly. */
const toChartNumber = (amount: string, decimals: number) => Number(formatUnits(BigInt(amount), decimals));

/** The protocol dashboard: TVL by role, fees by day and kind per token, the market's open listings and leases. */
export function ProtocolDashboard({ figures }: { figures: ProtocolFigures }) {
  const tokens = listPaymentTokens(DEFAULT_CHAIN_ID);
  const days = [...new Set(figures.fees.map((fee) => fee.day))].sort();
  return (
    <div className="stack">
      <BarChart
        testId="chart-tvl"
        title="TT staked by role"
        series={[{ key: "staked", label: "TT staked" }]}
        items={figures.staking.roles.map((role) => ({
          label: ROLE_LABELS[role.role] ?? role.role,
          values: { staked: toChartNumber(role.staked, 18) },
        }))}
        formatValue={(value) => `${value.toLocaleString("en", { maximumFractionDigits: 2 })} TT`}
      />
      {tokens.map((token) => {
        const fees = figures.fees.filter((fee) => fee.token === token.address.toLowerCase());
        return (
          <BarChart
            key={token.address}
            testId={`chart-fees-${token.symbol}`}
            title={`Fees in ${token.symbol} by day and kind (last 30 days)`}
            series={FEE_KINDS.map((kind) => ({ key: kind, label: kind }))}
            items={days
              .filter((day) => fees.some((fee) => fee.day === day))
              .map((day) => ({
                label: day.slice(5),
                values: Object.fromEntries(
                  fees
                    .filter((fee) => fee.day === day)
                    .map((fee) => [fee.kind, toChartNumber(fee.amount, token.decimals)]),
                ),
              }))}
            formatValue={(value) => `${value.toLocaleString("en", { maximumFractionDigits: 4 })} ${token.symbol}`}
          />
        );
      })}
      <BarChart
        testId="chart-market"
        title="Listings and leases"
        series={[{ key: "count", label: "Count" }]}
        items={[
          { label: "For sale", values: { count: figures.market.activeListings } },
          { label: "Sold", values: { count: figures.market.listingsSold } },
          { label: "Leases on offer", values: { count: figures.market.offeredLeases } },
          { label: "Active leases", values: { count: figures.market.activeLeases } },
        ]}
        formatValue={(value) => String(Math.round(value))}
      />
      <p className="muted">
        Total staked:{" "}
        {formatTokenAmount(figures.staking.totalStaked, { decimals: 18, symbol: "TT", maxFractionDigits: 2 })}. The
        figures are the indexer's aggregates of the chain's events.
      </p>
    </div>
  );
}
