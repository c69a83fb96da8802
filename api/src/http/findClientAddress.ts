import { isIP } from "node:net";

/**
 * The client's address: the TCP peer, or, when the peer is a trusted proxy (the web, a load
 * balancer), the last X-Forwarded-For entry that is not itself a trusted proxy. Entries left of it
 * are the client's own say and are not believed.
 */
export function findClientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: string[],
): string {
  if (peer === undefined) return "unknown";
  if (!trustedProxies.includes(peer) || !forwardedFor) return peer;
  const hops = forwardedFor
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => isIP(hop) !== 0);
  for (let index = hops.length - 1; index >= 0; index--) {
    if (!trustedProxies.includes(hops[index]!)) return hops[index]!;
  }
  return peer;
}
