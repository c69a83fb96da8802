import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db, stopJobs } = await createTestApp({}, { jobs: true });
afterAll(async () => {
  await stopJobs();
  await closeDatabase(db);
});

interface Job {
  id: string;
  status: string;
  progressPct: number;
  totalBytes: number;
  processedBytes: number;
  result: { rows: number; created: number } | null;
  problems: Array<{ line: number; reason: string }>;
  problemCount: number;
}

let admin: SignedInMember;
let jobs: string;

beforeAll(async () => {
  admin = await signInMember(app, db, "MANUFACTURER");
  jobs = `/organizations/${admin.organizationId}/import-jobs`;
});

async function upload(kind: "MODELS" | "PASSPORTS", csv: string, member = admin): Promise<Job> {
  const noun = kind === "MODELS" ? "models" : "passports";
  const response = await member.request(`/organizations/${member.organizationId}/${noun}/import-jobs?fileName=f.csv`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: csv,
  });
  expect(response.status).toBe(202);
  return (await response.json()) as Job;
}

async function finished(id: string, member = admin): Promise<Job> {
  let job: Job | undefined;
  await expect
    .poll(
      async () => {
        job = (await (await member.request(`/organizations/${member.organizationId}/import-jobs/${id}`)).json()) as Job;
        return job.status;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toMatch(/^(SUCCEEDED|FAILED)$/);
  return job!;
}

describe("import jobs", () => {
  it("imports models and then passports in the background, recording what each created", async () => {
    const queued = await upload("MODELS", "model_code,name,battery_category\nJOB-1,Job model,LMT\n");
    expect(queued).toMatchObject({ status: "QUEUED", progressPct: 0 });
    const models = await finished(queued.id);
    expect(models).toMatchObject({ status: "SUCCEEDED", progressPct: 100, result: { rows: 1, created: 1 } });

    const rows = Array.from({ length: 500 }, (_, index) => `,JOB-1,JOB-SN-${index}`);
    const passports = await finished(
      (await upload("PASSPORTS", `public_id,model_code,serial_number\n${rows.join("\n")}\n`)).id,
    );
    expect(passports).toMatchObject({ status: "SUCCEEDED", result: { rows: 500, created: 500 } });
    expect(passports.processedBytes).toBe(passports.totalBytes);
    expect(await db.prisma.passport.count({ where: { importJobId: passports.id } })).toBe(500);
    expect((await db.prisma.importJob.findUniqueOrThrow({ where: { id: passports.id } })).file).toBeNull();
  });

  it("fails a file with a bad line, reports the line and its reason, and stores nothing", async () => {
    await finished((await upload("MODELS", "model_code,name,battery_category\nJOB-2,Job model 2,LMT\n")).id);
    const csv = "public_id,model_code,serial_number\n,JOB-2,BAD-1\n,NO-SUCH-MODEL,BAD-2\n,JOB-2,BAD-3\n";
    const job = await finished((await upload("PASSPORTS", csv)).id);
    expect(job.status).toBe("FAILED");
    expect(job.problemCount).toBe(1);
    expect(job.problems).toEqual([{ line: 3, reason: expect.stringContaining("NO-SUCH-MODEL") }]);
    expect(await db.prisma.passport.count({ where: { serialNumber: { startsWith: "BAD-" } } })).toBe(0);
  });

  it("prints labels for every passport an import created", async () => {
    await finished((await upload("MODELS", "model_code,name,battery_category\nJOB-3,Job model 3,LMT\n")).id);
    const job = await finished(
      (await upload("PASSPORTS", "public_id,model_code,serial_number\n,JOB-3,L-1\n,JOB-3,L-2\n")).id,
    );
    const response = await admin.request(`/organizations/${admin.organizationId}/label-sheets`, {
      method: "POST",
      body: { importJobId: job.id },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("a360-labels-2.pdf");
  });

  it("lists the organization's jobs newest first, and hides them from another organization", async () => {
    const job = await upload("MODELS", "model_code,name,battery_category\nJOB-4,Job model 4,LMT\n");
    const page = (await (await admin.request(jobs)).json()) as { items: Job[] };
    expect(page.items[0]?.id).toBe(job.id);
    const other = await signInMember(app, db, "MANUFACTURER");
    const foreign = await other.request(`/organizations/${other.organizationId}/import-jobs/${job.id}`);
    expect(foreign.status).toBe(404);
    await finished(job.id);
  });

  it("lets a machine with passports:write import passports, not models", async () => {
    const created = (await (
      await admin.request(`/organizations/${admin.organizationId}/api-keys`, {
        method: "POST",
        body: { name: "erp", scopes: ["passports:write", "read"] },
      })
    ).json()) as { key: string };
    const post = (kind: string) =>
      app.request(`/api/v1/organizations/${admin.organizationId}/${kind}/import-jobs`, {
        method: "POST",
        headers: { authorization: `Bearer ${created.key}`, "content-type": "text/csv" },
        body: "model_code,name,battery_category\nJOB-5,Job model 5,LMT\n",
      });
    expect((await post("models")).status).toBe(403);
    const passports = await post("passports");
    expect(passports.status).toBe(202);
    // The body is a models file: the passport import refuses its header.
    const job = await finished(((await passports.json()) as Job).id);
    expect(job.status).toBe("FAILED");
    expect(job.problems.every((problem) => problem.line === 1)).toBe(true);
  });

  it("refuses an empty file with 422", async () => {
    const empty = await admin.request(`/organizations/${admin.organizationId}/passports/import-jobs`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "",
    });
    expect(empty.status).toBe(422);
  });
});
