import { findSession } from "../api/a360Api";

/** The api's view of who is signed in; the single source of the page's authentication status. */
export const sessionQuery = {
  queryKey: ["auth", "session"] as const,
  queryFn: async () => (await findSession()) ?? null,
  // A session ends on the server (expiry, logout elsewhere): look again when the tab regains focus.
  refetchOnWindowFocus: true,
  retry: false,
  staleTime: 30_000,
};
