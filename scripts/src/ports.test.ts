import net from "node:net";
import { describe, expect, it } from "vitest";
import { assertPortsFree, findFreePort, readPorts } from "./ports.ts";

describe("readPorts", () => {
  it("uses the documented defaults", () => {
    expect(readPorts({})).toEqual({ chain: 8545, api: 4000, indexer: 42069, web: 3000, postgres: 54329 });
  });

  it("takes each port from its variable", () => {
    expect(readPorts({ WEB_PORT: "3100", CHAIN_PORT: "9545" })).toMatchObject({ web: 3100, chain: 9545 });
  });

  it("rejects a value that is not a port, naming the variable", () => {
    expect(() => readPorts({ API_PORT: "70000" })).toThrow("API_PORT=70000 is not a TCP port");
  });
});

describe("assertPortsFree", () => {
  it("names the taken port and the variable that moves it", async () => {
    const port = await findFreePort();
    const blocker = net.createServer().listen(port, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    try {
      await expect(assertPortsFree([{ name: "web", variable: "WEB_PORT", port }])).rejects.toThrow(
        `web port ${port} is in use (set WEB_PORT to choose another)`,
      );
    } finally {
      blocker.close();
    }
  });

  it("passes when every port is free", async () => {
    const port = await findFreePort();
    await expect(assertPortsFree([{ name: "api", variable: "API_PORT", port }])).resolves.toBeUndefined();
  });
});
