import type { Address } from "viem";
import type { components } from "./generated/openapi";

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

/** GET /accounts/{address}, as the api's OpenAPI document describes it (generated, never copied). */
export type Account = components["schemas"]["Account"];
export type TtTransfer = Account["tt"]["transfers"][number];

export interface Health {
  status: string;
}
