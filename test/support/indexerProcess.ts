import { appendFileSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "@a360/scripts/ports";
import { isHttpOk, repositoryRoot, ServiceProcess, waitFor } from "@a360/scripts/stack";

export interface IndexerOptions {
  databaseUrl: string;
  rpcUrl: string;
  /** Ponder's schema; a second start with the same schema resumes from what the first wrote. */
  schema: string;
  viewsSchema?: string;
  logFile: string;
  /** The Ponder app folder, relative to the repository (default: the indexer). */
  root?: string;
}

export interface IndexerProcess {
  url: string;
  process: ServiceProcess;
  /** The block the indexer has indexed up to (Ponder's /status), or undefined before it knows. */
  findIndexedBlock(): Promise<number | undefined>;
  isReady(): Promise<boolean>;
  /** Waits until backfill is over (/ready) and the indexed block reaches `block`. */
  waitForBlock(block: bigint, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** `ponder start` as a separate process group, as production runs it. */
export async function startIndexer(options: IndexerOptions): Promise<IndexerProcess> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    "exec",
    "ponder",
    "start",
    "--schema",
    options.schema,
    "--port",
    String(port),
    "--hostname",
    "127.0.0.1",
  ];
  if (options.viewsSchema) args.push("--views-schema", options.viewsSchema);
  const ponder = new ServiceProcess("indexer", "pnpm", args, {
    cwd: path.join(repositoryRoot, options.root ?? "indexer"),
    env: {
      DATABASE_URL: options.databaseUrl,
      CHAIN_RPC_URL: options.rpcUrl,
      PONDER_TELEMETRY_DISABLED: "true",
      DATABASE_SCHEMA: options.schema,
    },
    onLine: (line) => appendFileSync(options.logFile, `[indexer ${options.schema}] ${line}\n`),
  });
  let exitCode: number | null | undefined;
  void ponder.exited.then((code) => {
    exitCode = code;
  });
  const findIndexedBlock = async () => {
    const response = await fetch(`${url}/status`, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
    if (!response?.ok) return undefined;
    const status = (await response.json()) as Record<string, { block?: { number: number } }>;
    return Object.values(status)[0]?.block?.number;
  };
  const isReady = () => isHttpOk(`${url}/ready`).catch(() => false);
  return {
    url,
    process: ponder,
    findIndexedBlock,
    isReady,
    waitForBlock: async (block, timeoutMs = 120_000) => {
      await waitFor(
        `the indexer to reach block ${block}`,
        async () => {
          if (exitCode !== undefined) return true;
          if (!(await isReady())) return false;
          const indexed = await findIndexedBlock();
          return indexed !== undefined && BigInt(indexed) >= block;
        },
        timeoutMs,
      );
      if (exitCode !== undefined) throw new Error(`the indexer exited with code ${exitCode} (see ${options.logFile})`);
    },
    stop: () => ponder.stop(),
  };
}
