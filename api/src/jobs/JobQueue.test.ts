import { TestClock } from "pg-boss";
import { pino } from "pino";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createScratchDatabase } from "../../test/createScratchDatabase.ts";
import { purgeExpiredSignInsJob } from "../auth/purgeExpiredSignIns.ts";
import { JobQueue } from "./JobQueue.ts";

// A database of its own: pg-boss keeps its cron bookkeeping per database, and the other files'
// queues on the real clock would decide when this test clock's schedules are due.
const scratch = await createScratchDatabase();
const db = scratch.db;
const clock = new TestClock(new Date("2026-12-01T10:00:30Z"));
const queue = new JobQueue({
  connectionString: scratch.url,
  logger: pino({ level: "silent" }),
  runWorkers: true,
  clock,
  pollingIntervalSeconds: 1,
});
const deliveries: Array<{ to: string }> = [];
const delivery = queue.addOutbox<{ to: string }>({
  name: "test.delivery",
  run: async (data) => {
    deliveries.push(data);
  },
});
const minutes: number[] = [];
queue.addSchedule({
  name: "test.every-minute",
  cron: "* * * * *",
  run: async () => {
    minutes.push(clock.now());
  },
});
queue.addSchedule(purgeExpiredSignInsJob(db));

beforeAll(() => queue.start());
afterAll(async () => {
  await queue.stop();
  await scratch.drop();
});

it("runs a scheduled job when its slot comes, not before", async () => {
  expect(minutes).toEqual([]);
  await clock.tick(90_000);
  // pg-boss notices the slot on its own polling; a loaded machine may need a few of its rounds.
  await expect.poll(() => minutes.length, { timeout: 30_000 }).toBeGreaterThan(0);
});

it("purges expired nonces and long-ended sessions on its schedule, and keeps live ones", async () => {
  const past = new Date(Date.now() - 60_000);
  // Its own wallet: the test database is shared by every file of the run.
  const address = privateKeyToAccount(generatePrivateKey()).address.toLowerCase();
  const user = await db.prisma.user.create({ data: { address } });
  await db.prisma.siweNonce.createMany({
    data: [
      { nonce: "expiredNonce00001", expiresAt: past },
      { nonce: "liveNonce00000001", expiresAt: new Date(Date.now() + 600_000) },
    ],
  });
  await db.prisma.session.createMany({
    data: [
      { tokenHash: "a".repeat(64), userId: user.id, chainId: 31337, expiresAt: new Date(Date.now() - 8 * 86_400_000) },
      { tokenHash: "b".repeat(64), userId: user.id, chainId: 31337, expiresAt: new Date(Date.now() + 86_400_000) },
    ],
  });

  await clock.tick(5 * 60_000);

  await expect
    .poll(() => db.prisma.siweNonce.count({ where: { nonce: "expiredNonce00001" } }), { timeout: 30_000 })
    .toBe(0);
  expect(await db.prisma.siweNonce.count({ where: { nonce: "liveNonce00000001" } })).toBe(1);
  await expect
    .poll(() => db.prisma.session.count({ where: { tokenHash: "a".repeat(64) } }), { timeout: 30_000 })
    .toBe(0);
  expect(await db.prisma.session.count({ where: { tokenHash: "b".repeat(64) } })).toBe(1);
});

it("delivers a job sent to an outbox to its worker, with its data", async () => {
  await delivery.send({ to: "0xabc" });
  await clock.tick(2_000);
  await expect.poll(() => deliveries, { timeout: 30_000 }).toEqual([{ to: "0xabc" }]);
});

it("refuses a job registered after the queue started", () => {
  expect(() => queue.addSchedule({ name: "test.late", cron: "* * * * *", run: async () => {} })).toThrow(
    /after the queue started/,
  );
});
