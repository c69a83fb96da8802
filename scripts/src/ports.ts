import net from "node:net";

/** The ports the product listens on; each can be moved with its environment variable. */
export interface Ports {
  chain: number;
  api: number;
  indexer: number;
  web: number;
  postgres: number;
}

export function readPorts(env: NodeJS.ProcessEnv = process.env): Ports {
  return {
    chain: readPort(env, "CHAIN_PORT", 8545),
    api: readPort(env, "API_PORT", 4000),
    indexer: readPort(env, "INDEXER_PORT", 42069),
    web: readPort(env, "WEB_PORT", 3000),
    postgres: readPort(env, "EMBEDDED_POSTGRES_PORT", 54329),
  };
}

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port (1-65535)`);
  }
  return port;
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Throws a message that names the variable to change when a port is taken. */
export async function assertPortsFree(wanted: Array<{ name: string; variable: string; port: number }>): Promise<void> {
  const taken: string[] = [];
  for (const { name, variable, port } of wanted) {
    if (!(await isPortFree(port))) taken.push(`${name} port ${port} is in use (set ${variable} to choose another)`);
  }
  if (taken.length > 0) throw new Error(taken.join("\n"));
}

/** Asks the kernel for a port that is free right now (for tests that start their own servers). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
