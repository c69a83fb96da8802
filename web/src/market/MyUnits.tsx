"use client";

import { useQuery } from "@tanstack/react-query";
import { useAccount } from "wagmi";
import { api, getApiData } from "../api/apiClient";
import type { HeldUnit } from "./marketTypes";

const HOLDING: Record<HeldUnit["holding"], string> = {
  owner: "You own it",
  seller: "Listed by you",
  lessor: "Leased out by you",
  user: "You lease it",
};

/** The units the connected wallet owns, has listed or leased out, or uses (ERC-4907), each with its passport. */
export function MyUnits() {
  const { address } = useAccount();
  const units = useQuery({
    queryKey: ["held-units", address?.toLowerCase()],
    queryFn: () => getApiData(api.GET("/market/units", { params: { query: { holder: address ?? "" } } })),
    enabled: address !== undefined,
    refetchInterval: 2_000,
  });
  if (!address) return <p className="empty">Connect a wallet to see its units.</p>;
  if (units.isPending) return <p className="muted">Loading your units…</p>;
  if (units.isError) {
    return (
      <p className="notice notice-danger" role="alert">
        Your units cannot be shown right now: {units.error.message}
      </p>
    );
  }
  if (units.data.items.length === 0) return <p className="empty">This wallet holds no unit yet.</p>;
  return (
    <ul className="card-grid" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {units.data.items.map((held) => (
        <li key={held.unit.unitId} className="card" data-testid="held-unit" data-unit-id={held.unit.unitId}>
          <span className={`badge ${held.holding === "owner" ? "badge-ok" : ""}`}>{HOLDING[held.holding]}</span>
          <h2>
            <a href={`/market/units/${held.unit.unitId}`}>{held.unit.modelName ?? "Unit"}</a>
          </h2>
          <p className="muted">
            {held.unit.manufacturerName ?? "Unknown manufacturer"}
            {held.unit.serialNumber ? ` · ${held.unit.serialNumber}` : ""}
          </p>
          <p>
            {held.unit.chemistry ?? "Chemistry unknown"} ·{" "}
            {held.unit.stateOfHealthPct === null ? "no health reading" : `${held.unit.stateOfHealthPct} % health`}
            {held.holding === "user" ? ` · until ${new Date(Number(held.userExpires) * 1000).toLocaleString()}` : ""}
          </p>
          <a href={`/p/${encodeURIComponent(held.unit.passportPublicId)}`}>Passport</a>
        </li>
      ))}
    </ul>
  );
}
