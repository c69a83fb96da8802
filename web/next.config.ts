import type { NextConfig } from "next";
import { MAX_PROXIED_BODY_BYTES } from "./src/proxyLimits";
import { getSecurityHeaders } from "./src/security/securityHeaders";

// The api is reached only through this origin (`/api/*`), so its session cookie is first-party. That rewrite
// lives in src/proxy.ts, not in `rewrites` here: Next freezes config rewrites into the build output, and
// A360_API_URL must be honoured when `next start` runs, not only when `next build` ran.

const rpcUrls = [
  process.env.NEXT_PUBLIC_CHAIN_RPC_URL || "http://127.0.0.1:8545",
  ...(process.env.NEXT_PUBLIC_SEPOLIA_RPC_URL ? [process.env.NEXT_PUBLIC_SEPOLIA_RPC_URL] : []),
];

const nextConfig: NextConfig = {
  // @a360/contracts ships TypeScript source (generated deployments), not built JS.
  transpilePackages: ["@a360/contracts"],
  poweredByHeader: false,
  experimental: {
    // Next keeps a copy of a proxied body up to this size and silently cuts off the rest, which
    // would forward a truncated file: bodies are let through whole up to the api's largest limit,
    // and src/proxy.ts refuses larger ones (413) before this matters.
    proxyClientMaxBodySize: MAX_PROXIED_BODY_BYTES,
  },
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
