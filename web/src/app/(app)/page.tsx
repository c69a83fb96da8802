import { connection } from "next/server";
import { AccountSection } from "../../account/AccountSection";
import { findProtocolFiguresOnServer } from "../../protocol/findProtocolFiguresOnServer";
import { ProtocolFigureList } from "../../protocol/ProtocolFigureList";
import styles from "./HomePage.module.css";

const STEPS = [
  {
    title: "Passports",
    text: "A manufacturer keeps a digital product passport for every serialised unit and anchors each version on chain.",
    href: "/verify",
    link: "Verify a passport",
  },
  {
    title: "Buy and sell",
    text: "A unit's token is listed with its passport; the buyer pays in TT or euro tokens and the contract hands the unit over.",
  },
  {
    title: "Lease",
    text: "Owners offer units by the day; lessees lock collateral, and service records settle claims against it.",
  },
  {
    title: "Stake",
    text: "Market makers, service providers and price oracles stake TT and share the protocol's fees.",
  },
];

/** Home: what A360 Exchange is, live protocol figures, and the wallet's own account once signed in. */
export default async function HomePage() {
  await connection();
  const figures = await findProtocolFiguresOnServer();
  return (
    <div className="page">
      <section className={styles.hero}>
        <h1>Battery passports you can check, and a market for the units they describe</h1>
        <p>
          A360 Exchange keeps a digital product passport for every serialised unit a manufacturer builds — batteries
          first, then vehicles and energy assets — and anchors each passport version on chain, so anyone can check it
          without trusting our servers. Units are sold and leased between wallets, service centres record their work
          against them, and stakers back the market with the TT token.
        </p>
      </section>

      <section aria-labelledby="figures-heading" className="stack">
        <h2 id="figures-heading">The protocol now</h2>
        {figures ? (
          <ProtocolFigureList figures={figures} />
        ) : (
          <p className="notice notice-warning">
            The figures are unavailable right now: the chain mirror may still be catching up.
          </p>
        )}
      </section>

      <section aria-labelledby="how-heading" className="stack">
        <h2 id="how-heading">How it works</h2>
        <ol className={`card-grid ${styles.steps}`}>
          {STEPS.map((step) => (
            <li key={step.title} className="card">
              <h3>{step.title}</h3>
              <p className="muted">{step.text}</p>
              {step.href ? <a href={step.href}>{step.link}</a> : null}
            </li>
          ))}
        </ol>
      </section>

      <AccountSection />
    </div>
  );
}
