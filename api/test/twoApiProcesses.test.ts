/**
 * Scaling out: two api processes on one database. A write through one is read through the other
 * (its kept anonymous reads are dropped when Postgres announces the change), and a scheduled job
 * that both processes' queues register runs once per slot, not once per process.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@a360/scripts/ports";
import { waitFor } from "@a360/scripts/stack";
import { sql } from "kysely";
import { TestClock } from "pg-boss";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDatabase } from "../src/database/Database.ts";
import { JobQueue } from "../src/jobs/JobQueue.ts";
import { createScratchDatabase } from "./createScratchDatabase.ts";
import { type SignedInMember, signInMember } from "./signInMember.ts";
import { createTestApp } from "./testApp.ts";

const apiDirectory = fileURLToPath(new URL("..", import.meta.url));
const { app, db } = await createTestApp();

interface ApiProcess {
  url: string;
  child: ChildProcess;
  log: string[];
}

/** `pnpm start`'s entry point (src/main.ts) as a process of its own on a free port and the run's database. */
async function startApiProcess(): Promise<ApiProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: apiDirectory,
    env: {
      ...process.env,
      DATABASE_URL: inject("databaseUrl"),
      API_PORT: String(port),
      LOG_LEVEL: "warn",
      PASSPORT_ANCHOR_SYNC_MS: "0",
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1000000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}/api/v1`;
  await waitFor(`api process on port ${port}`, async () => (await fetch(`${url}/health`)).ok, 90_000).catch(
    (error: Error) => {
      child.kill();
      throw new Error(`${error.message}\n${log.join("")}`);
    },
  );
  return { url, child, log };
}

let first: ApiProcess;
let second: ApiProcess;
let maker: SignedInMember;
let modelId: string;
let publicId: string;

beforeAll(async () => {
  [first, second] = await Promise.all([startApiProcess(), startApiProcess()]);
  maker = await signInMember(app, db, "MANUFACTURER");
  const org = `/organizations/${maker.organizationId}`;
  modelId = (
    (await (
      await maker.request(`${org}/models`, {
        method: "POST",
        body: {
          modelCode: "TWO-1",
          name: "Two processes",
          batteryCategory: "LMT",
          attributes: [{ key: "label.extinguishing_agent", value: "Water" }],
        },
      })
    ).json()) as { id: string }
  ).id;
  publicId = (
    (await (
      await maker.request(`${org}/passports`, { method: "POST", body: { modelId, serialNumber: "TWO-SN-1" } })
    ).json()) as { publicId: string }
  ).publicId;
}, 180_000);

afterAll(async () => {
  for (const process of [first, second]) {
    if (!process || process.child.exitCode !== null) continue;
    process.child.kill("SIGTERM");
    await once(process.child, "exit");
  }
  await closeDatabase(db);
});

interface PublicPassport {
  attributes: Array<{ key: string; value: unknown }>;
}

async function extinguishingAgentThrough(api: ApiProcess): Promise<unknown> {
  const response = await fetch(`${api.url}/passports/${publicId}`);
  expect(response.status).toBe(200);
  const passport = (await response.json()) as PublicPassport;
  return passport.attributes.find((attribute) => attribute.key === "label.extinguishing_agent")?.value;
}

describe("two api processes on one database", () => {
  it("show a write through one in the other's kept anonymous reads", async () => {
    expect(await extinguishingAgentThrough(second)).toBe("Water");
    // Kept now: the second read is served from the second process's cache.
    const kept = await fetch(`${second.url}/passports/${publicId}`);
    const etag = kept.headers.get("etag");
    expect(
      (await fetch(`${second.url}/passports/${publicId}`, { headers: { "if-none-match": etag ?? "" } })).status,
    ).toBe(304);

    const written = await fetch(`${first.url}/organizations/${maker.organizationId}/models/${modelId}/attributes`, {
      method: "PATCH",
      headers: { cookie: maker.cookie, "content-type": "application/json" },
      body: JSON.stringify({ values: [{ key: "label.extinguishing_agent", value: "Sand" }] }),
    });
    expect(written.status).toBe(200);
    // The second process learns of the commit from Postgres's NOTIFY, delivered to every listener at
    // commit: by the time the writer has its answer, the announcement is on its way (milliseconds).
    await expect.poll(() => extinguishingAgentThrough(second), { timeout: 2_000, interval: 20 }).toBe("Sand");
  });
});

describe("a scheduled job with two job queues (two processes' workers) on one database", () => {
  it("runs once per slot, not once per queue", async () => {
    const runs: string[] = [];
    // A database of its own: pg-boss keeps its cron bookkeeping (and the test clock's type) per
    // database, shared with the other files' queues on the real clock.
    const scratch = await createScratchDatabase();
    const clock = new TestClock(new Date("2026-12-01T10:00:30Z"));
    const queues = ["first", "second"].map((name) => {
      const queue = new JobQueue({
        connectionString: scratch.url,
        logger: pino({ level: "silent" }),
        runWorkers: true,
        clock,
        pollingIntervalSeconds: 0.5,
      });
      queue.addSchedule({
        name: "test.two-processes",
        cron: "* * * * *",
        run: async () => {
          runs.push(name);
        },
      });
      return queue;
    });
    // One after the other: two starts at once race to create the test clock's type.
    for (const queue of queues) await queue.start();
    try {
      await clock.tick(60_000);
      // Both queues' schedulers put the slot's job in; pg-boss keeps one (a singleton per slot), and
      // one worker takes it. The job is done when its row says so: no waiting for a run that never comes.
      const slotJobs = async () =>
        (
          await sql<{ state: string }>`select state from jobs.job where name = 'test.two-processes'`.execute(
            scratch.db.sql,
          )
        ).rows;
      await expect.poll(slotJobs, { timeout: 30_000 }).toEqual([{ state: "completed" }]);
      expect(runs).toHaveLength(1);
    } finally {
      await Promise.all(queues.map((queue) => queue.stop()));
      await scratch.drop();
    }
  });
});
