import { defineConfig } from "vitest/config";

// vitest covers the TypeScript passport module and the deployments generator; `hardhat test` covers contracts/test.
export default defineConfig({ test: { include: ["passport/**/*.test.ts", "scripts/**/*.test.ts"] } });
