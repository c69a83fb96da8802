import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { proxyApiRequest } from "./src/apiProxy/proxyApiRequest";
import { MAX_PROXIED_BODY_BYTES } from "./src/apiProxy/proxyLimits";
import { proxyChainRpc } from "./src/chainRpc/proxyChainRpc";

/**
 * The web's server: `/api/*` goes to the A360 api through a streaming proxy (so the session cookie
 * is first-party, an oversized body is refused at once and the forwarded client address is ours to
 * state; see proxyApiRequest), every other request to Next. Next's own proxy (proxy.ts) could do
 * none of that: it runs only once the whole body is in, and passes on a client's X-Forwarded-For.
 * `tsx server.ts dev|start --port <port> --hostname <host>`; A360_API_URL is read when it starts.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: "string", default: "3000" }, hostname: { type: "string", default: "127.0.0.1" } },
});
const dev = positionals[0] !== "start";
const port = Number(values.port);
const hostname = values.hostname;
const apiUrl = (process.env.A360_API_URL || "http://127.0.0.1:4000").replace(/\/+$/, "");
// The browser reads the chain through `/rpc` (reads only) unless NEXT_PUBLIC_CHAIN_RPC_URL was set at build.
const chainRpcUrl = process.env.CHAIN_RPC_URL || "http://127.0.0.1:8545";

const app = next({ dev, hostname, port, dir: import.meta.dirname });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  if (request.url === "/api" || request.url?.startsWith("/api/")) {
    proxyApiRequest(request, response, { apiUrl, maxBodyBytes: MAX_PROXIED_BODY_BYTES });
  } else if (request.url === "/rpc") {
    void proxyChainRpc(request, response, { chainRpcUrl });
  } else {
    void handle(request, response);
  }
});
// Next attaches its own upgrade handler (the development reload socket) to this server on its first request.
server.listen(port, hostname, () => {
  console.log(`web ready on http://${hostname}:${port} (${dev ? "development" : "production"}), api at ${apiUrl}`);
});
