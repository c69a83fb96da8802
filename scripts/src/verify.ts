/**
 * `pnpm verify <publicId | passport.json> --rpc <url>`: checks a passport disclosure against the
 * chain, trusting only the RPC endpoint. A public id is fetched from the api (`--api`, default
 * http://127.0.0.1:4000), but every entry, the version's root, its batch proof and the batch's
 * state are checked here with the shared passport module and the chain. Exit 0 when verified,
 * 1 otherwise with the reason.
 *
 *   --rpc <url>         JSON-RPC endpoint of the chain (default http://127.0.0.1:8545)
 *   --api <url>         where to fetch a disclosure by public id
 *   --registry <addr>   PassportRegistry to trust (default: the deployments module's for the chain)
 *   --json              print the verdict as JSON
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkPassportAgainstChain, type PassportDisclosure, type PassportVerdict } from "@a360/contracts/passport";
import { type Address, createPublicClient, http } from "viem";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rpc: { type: "string", default: "http://127.0.0.1:8545" },
    api: { type: "string", default: process.env.A360_API_URL ?? "http://127.0.0.1:4000" },
    registry: { type: "string" },
    json: { type: "boolean", default: false },
  },
});

async function loadDisclosure(target: string): Promise<PassportDisclosure> {
  // pnpm runs this in scripts/; a relative file is the caller's.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), target);
  if (target.endsWith(".json") || existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as PassportDisclosure;
  const url = `${values.api.replace(/\/$/, "")}/api/v1/public/passports/${encodeURIComponent(target)}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`the api answered ${response.status} for ${url}`);
  return (await response.json()) as PassportDisclosure;
}

function describe(verdict: PassportVerdict, disclosure: PassportDisclosure): string {
  const lines = [`passport ${disclosure.publicId}, version ${disclosure.version}, hash ${disclosure.passportRoot}`];
  for (const entry of verdict.entries) lines.push(`  ${entry.isValid ? "ok  " : "FAIL"} ${entry.key}`);
  if (verdict.anchor) {
    lines.push(
      `batch ${verdict.anchor.batchRoot} on chain ${verdict.anchor.chainId}, registry ${verdict.anchor.registry}, block ${verdict.anchor.blockNumber ?? "?"}, ${verdict.anchor.anchoredAt.toISOString()}`,
    );
  }
  if (verdict.issuer) {
    const name = verdict.issuer.name || "(no name registered)";
    lines.push(
      `issued by ${name}, organisation ${verdict.issuer.organizationId}, anchored by ${verdict.issuer.wallet}`,
    );
  }
  lines.push(`${verdict.status.toUpperCase().replaceAll("_", " ")}: ${verdict.reason}`);
  return lines.join("\n");
}

const target = positionals[0];
if (!target) {
  console.error(
    "usage: pnpm verify <publicId | passport.json> --rpc <url> [--api <url>] [--registry <address>] [--json]",
  );
  process.exit(1);
}
try {
  const disclosure = await loadDisclosure(target);
  const client = createPublicClient({ transport: http(values.rpc, { retryCount: 1, timeout: 10_000 }) });
  const verdict = await checkPassportAgainstChain(client, disclosure, {
    ...(values.registry ? { registry: values.registry as Address } : {}),
  });
  console.log(
    values.json
      ? JSON.stringify(verdict, (_key, value) => (typeof value === "bigint" ? value.toString() : value), 2)
      : describe(verdict, disclosure),
  );
  process.exitCode = verdict.status === "verified" ? 0 : 1;
} catch (error) {
  console.error(`NOT VERIFIED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
