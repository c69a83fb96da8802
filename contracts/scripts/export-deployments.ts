/**
 * Writes `contracts/generated/deployments.ts`, the one module of ABIs, addresses and Solidity enums
 * that the indexer, api, web and scripts import. Built from Hardhat Ignition's deployment folders:
 * `deployed_addresses.json` (address), `artifacts/<futureId>.json` (ABI) and `journal.jsonl`
 * (the block each contract was deployed in, the indexer's start block); and from the compiler's
 * output for `contracts/src` (the AST's enum definitions: each enum's members in declaration
 * order, so an event's or a getter's `uint8` maps to its name). Run by every deploy, and by
 * `pnpm --filter @a360/contracts generate` (enums only) after a compile.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const contractsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const deploymentsRoot = path.join(contractsRoot, "ignition", "deployments");
const outputFile = path.join(contractsRoot, "generated", "deployments.ts");
const sourceArtifactsRoot = path.join(contractsRoot, "artifacts", "contracts", "src");
const buildInfoRoot = path.join(contractsRoot, "artifacts", "build-info");

interface DeployedContract {
  address: string;
  abi: unknown[];
  deployedOnBlock: number;
}

function readDeploymentBlocks(journalFile: string): Map<string, number> {
  const blocks = new Map<string, number>();
  for (const line of readFileSync(journalFile, "utf8").split("\n")) {
    if (!line.includes('"TRANSACTION_CONFIRM"')) continue;
    const entry = JSON.parse(line) as { futureId: string; receipt: { blockNumber: number } };
    blocks.set(entry.futureId, entry.receipt.blockNumber);
  }
  return blocks;
}

function readChainDeployment(folder: string): Record<string, DeployedContract> {
  const addresses = JSON.parse(readFileSync(path.join(folder, "deployed_addresses.json"), "utf8")) as Record<
    string,
    string
  >;
  const blocks = readDeploymentBlocks(path.join(folder, "journal.jsonl"));
  const contracts: Record<string, DeployedContract> = {};
  for (const [futureId, address] of Object.entries(addresses).sort(([a], [b]) => a.localeCompare(b))) {
    const artifact = JSON.parse(readFileSync(path.join(folder, "artifacts", `${futureId}.json`), "utf8")) as {
      abi: unknown[];
    };
    const name = futureId.slice(futureId.indexOf("#") + 1);
    contracts[name] = { address, abi: artifact.abi, deployedOnBlock: blocks.get(futureId) ?? 0 };
  }
  return contracts;
}

interface AstNode {
  nodeType?: string;
  canonicalName?: string;
  name?: string;
  members?: Array<{ name: string }>;
  [key: string]: unknown;
}

function collectEnums(node: unknown, found: Map<string, string[]>): void {
  if (Array.isArray(node)) {
    for (const child of node) collectEnums(child, found);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const ast = node as AstNode;
  if (ast.nodeType === "EnumDefinition" && ast.canonicalName && ast.members) {
    found.set(
      ast.canonicalName,
      ast.members.map((member) => member.name),
    );
  }
  for (const child of Object.values(ast)) collectEnums(child, found);
}

function listArtifactFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Every enum declared under `contracts/src`, by its canonical name (`IMarketplace.ListingState`),
 * read from the AST of the build each source's artifact names (stale build infos are ignored).
 */
export function readSolidityEnums(): Map<string, string[]> {
  const sourcesByBuild = new Map<string, Set<string>>();
  for (const file of listArtifactFiles(sourceArtifactsRoot)) {
    const artifact = JSON.parse(readFileSync(file, "utf8")) as { buildInfoId?: string; inputSourceName?: string };
    if (!artifact.buildInfoId || !artifact.inputSourceName) continue;
    const sources = sourcesByBuild.get(artifact.buildInfoId) ?? new Set<string>();
    sources.add(artifact.inputSourceName);
    sourcesByBuild.set(artifact.buildInfoId, sources);
  }
  const enums = new Map<string, string[]>();
  for (const [buildInfoId, sources] of sourcesByBuild) {
    const output = JSON.parse(readFileSync(path.join(buildInfoRoot, `${buildInfoId}.output.json`), "utf8")) as {
      output: { sources: Record<string, { ast: unknown }> };
    };
    for (const source of sources) collectEnums(output.output.sources[source]?.ast, enums);
  }
  return new Map([...enums].sort(([a], [b]) => a.localeCompare(b)));
}

/** The enums as TypeScript: one `as const` tuple and its union type per enum, named without its contract. */
function writeEnums(enums: Map<string, string[]>): string {
  const byName = new Map<string, string>();
  const lines: string[] = [];
  for (const [canonicalName, members] of enums) {
    const name = canonicalName.slice(canonicalName.lastIndexOf(".") + 1);
    const other = byName.get(name);
    if (other) throw new Error(`two Solidity enums are named ${name} (${other}, ${canonicalName}): rename one`);
    byName.set(name, canonicalName);
    lines.push(
      `/** \`${canonicalName}\`: names in declaration order (index = the on-chain \`uint8\`). */`,
      `export const ${name} = ${JSON.stringify(members)} as const;`,
      `export type ${name} = (typeof ${name})[number];`,
      "",
    );
  }
  const entries = [...byName].map(([name, canonicalName]) => `  ${JSON.stringify(canonicalName)}: ${name},`);
  lines.push(
    "/** Every enum by its canonical name. */",
    `export const solidityEnums = {\n${entries.join("\n")}\n} as const;`,
    "",
  );
  return lines.join("\n");
}

export function exportDeployments(): string {
  const chains: Record<string, Record<string, DeployedContract>> = {};
  if (existsSync(deploymentsRoot)) {
    for (const entry of readdirSync(deploymentsRoot).sort()) {
      const match = /^chain-(\d+)$/.exec(entry);
      if (match?.[1]) chains[match[1]] = readChainDeployment(path.join(deploymentsRoot, entry));
    }
  }
  const source = `// This file is autogenerated by contracts/scripts/export-deployments.ts. Do not edit it by hand.
// Regenerate it with \`pnpm run deploy\`.

const deployments = ${JSON.stringify(chains, null, 2)} as const;

export type Deployments = typeof deployments;
export type DeployedChainId = keyof Deployments;
export type ContractName = keyof Deployments[DeployedChainId];

export default deployments;
${ENUMS_MARKER}
${writeEnums(readSolidityEnums())}`;
  writeFileSync(outputFile, source);
  return outputFile;
}

const ENUMS_MARKER = "\n// Solidity enums, from the compiler's AST.\n";

/** Rewrites only the enums of the module (after a compile), keeping its deployments as they are. */
export function exportEnums(): string {
  const current = readFileSync(outputFile, "utf8");
  const end = current.indexOf(ENUMS_MARKER);
  const head = end === -1 ? current : current.slice(0, end);
  writeFileSync(outputFile, `${head.trimEnd()}\n${ENUMS_MARKER}\n${writeEnums(readSolidityEnums())}`);
  return outputFile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = process.argv.includes("--enums") ? exportEnums() : exportDeployments();
  console.log(`deployments written to ${path.relative(process.cwd(), written)}`);
}
