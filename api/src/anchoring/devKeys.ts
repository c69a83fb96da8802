import type { Hex } from "viem";

/** Hardhat's published dev keys #0 (deployer, registry admin) and #1 (demo manufacturer admin). Local chain only. */
export const DEV_KEYS = {
  deployer: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  manufacturer: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
} as const satisfies Record<string, Hex>;
