import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isReadOnlyRpcRequest, proxyChainRpc } from "./proxyChainRpc";

let chain: Server;
let web: Server;
let webUrl = "";
const received: string[] = [];

beforeAll(async () => {
  chain = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push(body);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: "0x7a69" }));
    });
  });
  await new Promise<void>((resolve) => chain.listen(0, "127.0.0.1", resolve));
  const chainRpcUrl = `http://127.0.0.1:${(chain.address() as AddressInfo).port}`;
  web = createServer((request, response) => void proxyChainRpc(request, response, { chainRpcUrl }));
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/rpc`;
});

afterAll(() => {
  chain.close();
  web.close();
});

const post = (body: unknown) =>
  fetch(webUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("the web's /rpc", () => {
  it("forwards a chain read to the chain and returns its answer", async () => {
    const response = await post({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: "0x7a69" });
    expect(received.at(-1)).toContain("eth_chainId");
  });

  it("refuses a transaction or a node-admin method without forwarding it", async () => {
    const before = received.length;
    for (const method of ["eth_sendTransaction", "hardhat_setBalance", "personal_sign"]) {
      expect((await post({ jsonrpc: "2.0", id: 1, method, params: [] })).status).toBe(403);
    }
    expect(received.length).toBe(before);
  });

  it("refuses a batch when any call in it is not a read", () => {
    expect(isReadOnlyRpcRequest([{ method: "eth_call" }, { method: "eth_blockNumber" }])).toBe(true);
    expect(isReadOnlyRpcRequest([{ method: "eth_call" }, { method: "eth_sendRawTransaction" }])).toBe(false);
    expect(isReadOnlyRpcRequest([])).toBe(false);
    expect(isReadOnlyRpcRequest("eth_call")).toBe(false);
  });
});
