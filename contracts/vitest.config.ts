import { defineConfig } from "vitest/config";

// vitest covers the TypeScript passport module; `hardhat test` covers contracts/test.
export default defineConfig({ test: { include: ["passport/**/*.test.ts"] } });
