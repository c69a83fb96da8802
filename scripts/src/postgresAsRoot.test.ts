import { mkdtempSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "./ports.ts";
import { canConnect, getRelocatedDataDir, startEmbeddedPostgres } from "./postgres.ts";

// A checkout only root can enter, as a clone in /root is: mkdtemp makes its folder 0700.
const privateFolder = mkdtempSync(path.join("/root", "a360-private-"));
const dataDir = path.join(privateFolder, ".data", "postgres");
afterAll(() => {
  rmSync(privateFolder, { recursive: true, force: true });
  rmSync(getRelocatedDataDir(dataDir), { recursive: true, force: true });
  rmSync(`${getRelocatedDataDir(dataDir)}.txt`, { force: true });
});

describe("the embedded Postgres, started by root", () => {
  it.runIf(process.getuid?.() === 0)(
    "runs from a folder only root can enter, and leaves that folder private",
    async () => {
      expect(statSync(privateFolder).mode & 0o777).toBe(0o700);
      const server = await startEmbeddedPostgres(dataDir, await findFreePort());
      try {
        expect(await canConnect(server.url)).toBe(true);
      } finally {
        await server.stop();
      }
      expect(statSync(privateFolder).mode & 0o777).toBe(0o700);
    },
    180_000,
  );
});
