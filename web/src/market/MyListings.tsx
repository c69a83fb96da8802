"use client";

import { useQuery } from "@tanstack/react-query";
import { useAccount, useChainId } from "wagmi";
import { api, getApiData } from "../api/apiClient";
import { ListingTable } from "./ListingTable";

/** The connected wallet's listings in every state, newest first. */
export function MyListings() {
  const { address } = useAccount();
  const chainId = useChainId();
  const listings = useQuery({
    queryKey: ["market-listings", "seller", address?.toLowerCase()],
    queryFn: () =>
      getApiData(api.GET("/market/listings", { params: { query: { seller: address, state: "any", limit: 100 } } })),
    enabled: address !== undefined,
    refetchInterval: 2_000,
  });
  if (!address) return <p className="empty">Connect a wallet to see its listings.</p>;
  if (listings.isPending) return <p className="muted">Loading your listings…</p>;
  if (listings.isError) {
    return (
      <p className="notice notice-danger" role="alert">
        Your listings cannot be shown right now: {listings.error.message}
      </p>
    );
  }
  return <ListingTable listings={listings.data.items} chainId={chainId} showState />;
}
