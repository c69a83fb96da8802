import type { NextConfig } from "next";

// The api is reached only through this origin, so its session cookie is first-party.
// Next writes rewrites into the build output: set A360_API_URL before `next build` (and `next dev`).
const apiUrl = (process.env.A360_API_URL ?? "http://127.0.0.1:4000").replace(/\/+$/, "");

const nextConfig: NextConfig = {
  // @a360/contracts ships TypeScript source (generated deployments), not built JS.
  transpilePackages: ["@a360/contracts"],
  poweredByHeader: false,
  async rewrites() {
    return [{ source: "/api/:path*", destination: `${apiUrl}/api/:path*` }];
  },
};

export default nextConfig;
