import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@a360/scripts/ports";
import { isHttpOk, ServiceProcess, waitFor } from "@a360/scripts/stack";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface BenchApi {
  port: number;
  /** `fetch` against the server, `pathname` from `/api/v1/…`. */
  request(pathname: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
  /**
   * CPU milliseconds (user + system) the server process has used so far: per request, a figure the
   * machine's load does not inflate the way it does wall-clock latency.
   */
  cpuMs(): number;
  /** SIGKILL, as a crash would; resolves once the process is gone. */
  kill(): Promise<void>;
}

/**
 * The api server in its own process, as users reach it (every timed step of a bench goes through
 * HTTP), on a free port, once its health route answers. The anchor sync is off unless `env` turns
 * it on: a bench reads the chain where it means to.
 */
export async function startBenchApi(env: Record<string, string>): Promise<BenchApi> {
  const port = await findFreePort();
  const server = new ServiceProcess("api", process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: apiDir,
    env: {
      API_PORT: String(port),
      LOG_LEVEL: "warn",
      PASSPORT_ANCHOR_SYNC_MS: "0",
      // The limits stay on and count every anonymous read per client (measureReadLatency gives each
      // connection its own address); a bench client reads about 120 times a second, far past what a
      // person scanning QR codes does, so its limit is set above that instead of refusing it.
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1000000",
      ...env,
    },
  });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor("the api server", () => isHttpOk(`${origin}/api/v1/health`), 30_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    port,
    request: (pathname, init = {}) => fetch(`${origin}${pathname}`, init),
    stop: () => server.stop(),
    cpuMs: () => readProcessCpuMs(server.pid),
    kill: async () => {
      server.kill();
      await server.exited;
    },
  };
}

/** utime + stime of a Linux process, from /proc/<pid>/stat (clock ticks of 10 ms). */
function readProcessCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
