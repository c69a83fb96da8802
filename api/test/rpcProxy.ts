import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type RpcProxyMode = "up" | "down" | "lose-send-replies";

/**
 * An HTTP JSON-RPC proxy in front of a real node, to take the chain away from the api without
 * losing its state: `down` drops every connection, `lose-send-replies` passes transactions to the
 * node but answers sends and receipt queries with an error (the sender never learns what happened).
 */
export async function startRpcProxy(target: string) {
  let mode: RpcProxyMode = "up";
  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => resolve(body));
      request.on("error", reject);
    });
  const server = createServer(async (request, response) => {
    if (mode === "down") {
      request.socket.destroy();
      return;
    }
    const body = await read(request);
    const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
    const text = await upstream.text();
    if (mode === "lose-send-replies" && /eth_sendRawTransaction|eth_getTransactionReceipt/.test(body)) {
      response.writeHead(503).end("lost");
      return;
    }
    response.writeHead(upstream.status, { "content-type": "application/json" }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setMode(next: RpcProxyMode) {
      mode = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
