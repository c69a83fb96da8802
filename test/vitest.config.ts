import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**"],
    fileParallelism: false,
    globalSetup: ["support/globalSetup.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
