import type { NextConfig } from "next";
import { getSecurityHeaders } from "./src/security/securityHeaders";

// The api is reached only through this origin (`/api/*`), so its session cookie is first-party. That
// forwarding lives in server.ts (a streaming proxy), not in `rewrites` here nor in Next's proxy.ts: both
// buffer the body and pass on a client's X-Forwarded-For, and config rewrites are frozen at build time.

const rpcUrls = [
  process.env.NEXT_PUBLIC_CHAIN_RPC_URL || "http://127.0.0.1:8545",
  ...(process.env.NEXT_PUBLIC_SEPOLIA_RPC_URL ? [process.env.NEXT_PUBLIC_SEPOLIA_RPC_URL] : []),
];

const nextConfig: NextConfig = {
  // @a360/contracts ships TypeScript source (generated deployments), not built JS.
  transpilePackages: ["@a360/contracts"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: getSecurityHeaders({ development: process.env.NODE_ENV !== "production", rpcUrls }),
      },
    ];
  },
};

export default nextConfig;
