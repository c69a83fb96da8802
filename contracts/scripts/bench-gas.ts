/**
 * Gas per anchored passport: A360 single anchors and Merkle batches (with and without per-passport events) side by
 * side with EAS `attest` and `multiAttest`, all deployed on one fresh in-process chain in the same run.
 * Run with `pnpm --filter @a360/contracts bench:gas`; prints a table and writes contracts/bench/results/gas.md.
 * Gas is each transaction's `gasUsed` (21,000 base and calldata included, and the attestation fee transfer for A360)
 * divided by the passports it anchored.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { network } from "hardhat";
import { type Abi, encodeAbiParameters, type Hex, keccak256, parseEther, toHex } from "viem";
import A360Module from "../ignition/modules/A360.ts";

const require = createRequire(import.meta.url);
const easArtifact = (name: string) =>
  require(`@ethereum-attestation-service/eas-contracts/artifacts/contracts/${name}.sol/${name}.json`) as {
    abi: Abi;
    bytecode: Hex;
  };

const BATCH_SIZES = [10, 100, 1000] as const;
// EAS multiAttest costs ≈166k gas per item, so larger batches are sent in chunks under the transaction gas cap.
const EAS_CHUNK = 50;
const ZERO = `0x${"00".repeat(32)}` as const;
const outputFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "bench", "results", "gas.md");

const { viem, ignition } = await network.create();
const publicClient = await viem.getPublicClient();
const [deployer] = await viem.getWalletClients();
const me = deployer!.account.address;

const a360 = await ignition.deploy(A360Module);
await a360.passportRegistry.write.grantManufacturer([me, keccak256(toHex("org:bench"))]);
await a360.ttToken.write.approve([a360.passportRegistry.address, parseEther("1000000")]);

let passportCounter = 0;
const nextPassport = (): [Hex, bigint, Hex] => {
  passportCounter += 1;
  return [keccak256(toHex(`passport-${passportCounter}`)), 1n, keccak256(toHex(`content-${passportCounter}`))];
};
const gasOf = async (hash: Hex) => (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;

// ==== A360 ====
const SINGLE_RUNS = 10;
let singleTotal = 0n;
for (let i = 0; i < SINGLE_RUNS; i++) {
  const [passportId, version, hash] = nextPassport();
  singleTotal += await gasOf(await a360.passportRegistry.write.anchorPassport([passportId, version, hash, ZERO]));
}
const a360Single = singleTotal / BigInt(SINGLE_RUNS);

const a360Batch: Record<number, { rootOnly: bigint; withEvents: bigint }> = {};
for (const size of BATCH_SIZES) {
  const measure = async (withEvents: boolean) => {
    const leaves = Array.from({ length: size }, nextPassport);
    const tree = StandardMerkleTree.of(leaves, ["bytes32", "uint64", "bytes32"]);
    const ids = withEvents ? leaves.map((leaf) => leaf[0]) : [];
    const gas = await gasOf(await a360.passportRegistry.write.anchorBatch([tree.root as Hex, size, ids]));
    return gas / BigInt(size);
  };
  a360Batch[size] = { rootOnly: await measure(false), withEvents: await measure(true) };
}

// ==== EAS ====
const schemaRegistryArtifact = easArtifact("SchemaRegistry");
const easContractArtifact = easArtifact("EAS");
const deployRaw = async (artifact: { abi: Abi; bytecode: Hex }, args: unknown[]) => {
  const hash = await deployer!.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  return receipt.contractAddress!;
};
const schemaRegistry = await deployRaw(schemaRegistryArtifact, []);
const eas = await deployRaw(easContractArtifact, [schemaRegistry]);
const schema = "bytes32 passportId,uint64 version,bytes32 passportRoot";
const registerHash = await deployer!.writeContract({
  address: schemaRegistry,
  abi: schemaRegistryArtifact.abi,
  functionName: "register",
  args: [schema, "0x0000000000000000000000000000000000000000", true],
});
await publicClient.waitForTransactionReceipt({ hash: registerHash });
const schemaUid = keccak256(encodePacked(schema, "0x0000000000000000000000000000000000000000", true));

function encodePacked(text: string, resolver: Hex, revocable: boolean): Hex {
  return `0x${Buffer.from(text).toString("hex")}${resolver.slice(2)}${revocable ? "01" : "00"}` as Hex;
}

const easRequestData = () => {
  const [passportId, version, passportRoot] = nextPassport();
  return {
    recipient: me,
    expirationTime: 0n,
    revocable: true,
    refUID: ZERO,
    data: encodeAbiParameters(
      [{ type: "bytes32" }, { type: "uint64" }, { type: "bytes32" }],
      [passportId, version, passportRoot],
    ),
    value: 0n,
  };
};

let easAttestTotal = 0n;
for (let i = 0; i < SINGLE_RUNS; i++) {
  const hash = await deployer!.writeContract({
    address: eas,
    abi: easContractArtifact.abi,
    functionName: "attest",
    args: [{ schema: schemaUid, data: easRequestData() }],
  });
  easAttestTotal += await gasOf(hash);
}
const easSingle = easAttestTotal / BigInt(SINGLE_RUNS);

const easMulti: Record<number, bigint> = {};
for (const size of BATCH_SIZES) {
  let total = 0n;
  for (let done = 0; done < size; done += EAS_CHUNK) {
    const chunk = Math.min(EAS_CHUNK, size - done);
    const hash = await deployer!.writeContract({
      address: eas,
      abi: easContractArtifact.abi,
      functionName: "multiAttest",
      args: [[{ schema: schemaUid, data: Array.from({ length: chunk }, easRequestData) }]],
    });
    total += await gasOf(hash);
  }
  easMulti[size] = total / BigInt(size);
}

// ==== REPORT ====
const fmt = (n: bigint) => n.toLocaleString("en-US");
const rows = [
  ["single", fmt(a360Single), fmt(a360Single), fmt(easSingle)],
  ...BATCH_SIZES.map((size) => [
    `batch of ${size.toLocaleString("en-US")}`,
    fmt(a360Batch[size]!.rootOnly),
    fmt(a360Batch[size]!.withEvents),
    `${fmt(easMulti[size]!)}${size > EAS_CHUNK ? ` (${size / EAS_CHUNK} × ${EAS_CHUNK})` : ""}`,
  ]),
];
const header = [
  "passports per tx",
  "A360 root only",
  "A360 + PassportAnchored per passport",
  "EAS attest / multiAttest",
];
const table = [
  `| ${header.join(" | ")} |`,
  `| ${header.map(() => "---").join(" | ")} |`,
  ...rows.map((row) => `| ${row.join(" | ")} |`),
].join("\n");
const target1000 = a360Batch[1000]!;
const verdict = [
  `- batch of 1,000 with per-passport events: ${fmt(target1000.withEvents)} gas/passport (target ≤ 3,000): ${target1000.withEvents <= 3000n ? "met" : "MISSED"}`,
  `- batch of 1,000 root only: ${fmt(target1000.rootOnly)} gas/passport (target ≤ 150, issue 11: the batch keeps its organisation): ${target1000.rootOnly <= 150n ? "met" : "MISSED"}`,
].join("\n");
const report = `# Gas per anchored passport

Generated by \`pnpm --filter @a360/contracts bench:gas\` (contracts/scripts/bench-gas.ts) on ${new Date().toISOString().slice(0, 10)}.
Each figure is a transaction's \`gasUsed\` divided by the passports it anchored: the 21,000 base, calldata and, for A360,
the TT attestation fee paid through the FeeRouter are included. A360 "single" is \`PassportRegistry.anchorPassport\`
(a stored per-passport record); batches are \`anchorBatch\` (one stored Merkle root). EAS contracts come from
\`@ethereum-attestation-service/eas-contracts\` 1.9.0 artifacts, with schema \`${schema}\`, no resolver;
EAS batches above ${EAS_CHUNK} items are sent as several \`multiAttest\` calls of ${EAS_CHUNK} to stay under the
per-transaction gas cap.

${table}

${verdict}
`;
mkdirSync(path.dirname(outputFile), { recursive: true });
writeFileSync(outputFile, report);
console.log(table);
console.log(verdict);
console.log(`written to ${path.relative(process.cwd(), outputFile)}`);
