import type { IncomingMessage, ServerResponse } from "node:http";

/** A JSON-RPC request from a page is small; anything larger is not a read we serve. */
const MAX_RPC_BODY_BYTES = 256 * 1024;

/**
 * What the browser may ask the chain through this site: reads only. Transactions and signatures go
 * through the wallet, which has its own endpoint; a Hardhat node's unlocked accounts and `hardhat_*`
 * methods are never reachable from a page.
 */
export const READ_METHODS = new Set([
  "eth_blockNumber",
  "eth_call",
  "eth_chainId",
  "eth_estimateGas",
  "eth_feeHistory",
  "eth_gasPrice",
  "eth_getBalance",
  "eth_getBlockByHash",
  "eth_getBlockByNumber",
  "eth_getCode",
  "eth_getLogs",
  "eth_getStorageAt",
  "eth_getTransactionByHash",
  "eth_getTransactionCount",
  "eth_getTransactionReceipt",
  "eth_maxPriorityFeePerGas",
  "net_version",
]);

/** Whether every call in a JSON-RPC request (single or batch) is a read this site forwards. */
export function isReadOnlyRpcRequest(body: unknown): boolean {
  const calls = Array.isArray(body) ? body : [body];
  return (
    calls.length > 0 &&
    calls.every(
      (call) =>
        typeof call === "object" &&
        call !== null &&
        "method" in call &&
        typeof call.method === "string" &&
        READ_METHODS.has(call.method),
    )
  );
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/**
 * `/rpc`: a read-only JSON-RPC request forwarded to the chain (CHAIN_RPC_URL), so the browser talks to one
 * origin and one `next build` serves any chain; anything else is answered with a JSON-RPC error and never
 * forwarded.
 */
export async function proxyChainRpc(
  request: IncomingMessage,
  response: ServerResponse,
  options: { chainRpcUrl: string },
): Promise<void> {
  if (request.method !== "POST") {
    response.setHeader("allow", "POST");
    answer(response, 405, { jsonrpc: "2.0", id: null, error: { code: -32600, message: "POST a JSON-RPC request" } });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_RPC_BODY_BYTES) {
      answer(response, 413, { jsonrpc: "2.0", id: null, error: { code: -32600, message: "request too large" } });
      request.destroy();
      return;
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!isReadOnlyRpcRequest(body)) {
    answer(response, 403, {
      jsonrpc: "2.0",
      id: null,
      error: { code: -32601, message: "only chain reads are served here; use your wallet" },
    });
    return;
  }
  try {
    const upstream = await fetch(options.chainRpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: text,
    });
    response.writeHead(upstream.status, { "content-type": "application/json" });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  } catch {
    answer(response, 502, { jsonrpc: "2.0", id: null, error: { code: -32603, message: "the chain is unreachable" } });
  }
}
