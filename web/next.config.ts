import type { NextConfig } from "next";

// The api is reached only through this origin (`/api/*`), so its session cookie is first-party. That rewrite
// lives in src/proxy.ts, not in `rewrites` here: Next freezes config rewrites into the build output, and
// A360_API_URL must be honoured when `next start` runs, not only when `next build` ran.

const nextConfig: NextConfig = {
  // @a360/contracts ships TypeScript source (generated deployments), not built JS.
  transpilePackages: ["@a360/contracts"],
  poweredByHeader: false,
};

export default nextConfig;
