import type { Address, Hex } from "viem";
import { isApiError } from "./ApiError";
import { requestApi } from "./requestApi";
import type { Account, Health, Session, SignedIn } from "./types";

/** A fresh single-use nonce, stored by the api, for the next SIWE message. */
export async function getAuthNonce(): Promise<string> {
  const { nonce } = await requestApi<{ nonce: string }>("/api/v1/auth/nonce");
  return nonce;
}

/** Sends a signed SIWE message; on success the api sets the http-only session cookie. */
export async function signIn(message: string, signature: Hex): Promise<SignedIn> {
  return requestApi<SignedIn>("/api/v1/auth/verify", {
    method: "POST",
    body: JSON.stringify({ message, signature }),
  });
}

/** The current session, or undefined when the api answers 401. */
export async function findSession(): Promise<Session | undefined> {
  try {
    return await requestApi<Session>("/api/v1/auth/session");
  } catch (error) {
    if (isApiError(error) && error.code === "unauthenticated") return undefined;
    throw error;
  }
}

/** Ends the session; the api clears the cookie. */
export async function signOut(): Promise<void> {
  await requestApi<undefined>("/api/v1/auth/logout", { method: "POST" });
}

export async function getAccount(address: Address): Promise<Account> {
  return requestApi<Account>(`/api/v1/accounts/${address}`);
}

export async function getHealth(): Promise<Health> {
  return requestApi<Health>("/api/v1/health");
}
