import type { Address, Hex } from "viem";

// Shapes of the api's JSON answers (api/ owns them; web renders them as they come).
// Amounts and block numbers arrive as decimal strings so they survive JSON; they become bigint at display.

export interface Session {
  address: Address;
  chainId: number;
  expiresAt: string;
}

export interface SignedIn {
  address: Address;
  chainId: number;
}

export interface Membership {
  organizationId: string;
  organizationName: string;
  /** MANUFACTURER, SERVICE_CENTRE, RECYCLER, … */
  organizationKind: string;
  role: string;
  /** The api's answer to whether this member may anchor the organization's passports. */
  canAnchorPassports: boolean;
}

export interface TtTransfer {
  id: string;
  from: Address;
  to: Address;
  amount: string;
  blockNumber: string;
  timestamp: string;
  transactionHash: Hex;
}

export interface Account {
  address: Address;
  memberships: Membership[];
  tt: {
    balance: string;
    transfers: TtTransfer[];
  };
}

export interface Health {
  status: string;
}
