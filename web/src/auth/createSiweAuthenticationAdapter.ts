import { createAuthenticationAdapter } from "@rainbow-me/rainbowkit";
import type { QueryClient } from "@tanstack/react-query";
import type { Hex } from "viem";
import { isApiError } from "../api/ApiError";
import { getAuthNonce, signIn, signOut } from "../api/a360Api";
import { createSignInMessage } from "./createSignInMessage";
import { sessionQuery } from "./sessionQuery";

/**
 * RainbowKit's sign-in steps, backed by the api: nonce from the api, message built here, signature checked
 * by the api (which sets the http-only cookie). The session query is refreshed so the page follows.
 */
export function createSiweAuthenticationAdapter(queryClient: QueryClient) {
  return createAuthenticationAdapter<string>({
    getNonce: getAuthNonce,

    createMessage: ({ nonce, address, chainId }) =>
      createSignInMessage({ address, chainId, nonce, location: window.location }),

    verify: async ({ message, signature }) => {
      try {
        await signIn(message, signature as Hex);
      } catch (error) {
        // A refused signature (bad, replayed, wrong domain) is "not verified"; RainbowKit offers to retry.
        if (isApiError(error) && error.code !== "unreachable" && error.code !== "server_failed") {
          console.warn("Sign-in refused by the api:", error.problem);
          return false;
        }
        throw error;
      }
      await queryClient.refetchQueries({ queryKey: sessionQuery.queryKey, exact: true });
      return true;
    },

    signOut: () => endSession(queryClient),
  });
}

/**
 * Ends the api session and forgets it locally. If the api cannot be told, the page still signs out; the cookie
 * lives on until it expires, so a reload may find the session again.
 */
export async function endSession(queryClient: QueryClient): Promise<void> {
  try {
    await signOut();
  } catch (error) {
    console.warn("Sign-out did not reach the api:", error);
  }
  queryClient.setQueryData(sessionQuery.queryKey, null);
  queryClient.removeQueries({ queryKey: ["account"] });
}
