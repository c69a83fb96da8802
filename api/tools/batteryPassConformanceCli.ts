/**
 * Conformance of the Battery Pass export: on a fresh database with the demo seed, every seeded
 * passport's export, for each reader view, is validated against the official Battery Pass v1.2
 * schemas in ../shared/data/batterypass (or BATTERY_PASS_DATA_DIR). Required properties a view or
 * a battery category lets the export leave out, or that a passport has no value for yet, are
 * excused and counted; any other schema error fails. Exit 0 when every export conforms.
 * Usage: pnpm --filter @a360/api conformance:battery-pass   (Postgres from DATABASE_URL, else 127.0.0.1:5432, else embedded)
 */
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase as createPostgresDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import { bootstrapDatabaseRoles } from "@a360/scripts/roles";
import { getAttributeCatalogue } from "../src/attributes/AttributeCatalogue.ts";
import { resolveEffectiveAttributes } from "../src/attributes/EffectiveAttribute.ts";
import type { ReaderAccess } from "../src/attributes/ReaderAccess.ts";
import {
  checkBatteryPassExport,
  getBatteryPassDataDir,
  loadOfficialValidators,
} from "../src/battery-pass/checkBatteryPassExport.ts";
import { findBatteryPassRecordPage, ModelValuesById } from "../src/battery-pass/findBatteryPassSources.ts";
import { getPassportBatteryPass } from "../src/battery-pass/getPassportBatteryPass.ts";
import { closeDatabase, createDatabase } from "../src/database/Database.ts";
import { migrateDatabase } from "../src/database/migrate.ts";
import { getDerivedValues } from "../src/passports/PassportRecord.ts";
import { DEMO_ORGANIZATIONS, seedDemo } from "./seed/seedDemo.ts";

const VIEWS: ReaderAccess[] = ["PUBLIC", "LEGITIMATE_INTEREST", "FULL"];

const dataDir = getBatteryPassDataDir();
const validators = loadOfficialValidators(dataDir);
const server = await findTestPostgres(await findFreePort());
const name = `a360_battery_pass_conformance_${process.pid}`;
const adminUrl = await createPostgresDatabase(server.url, name);
const databaseUrl = (await bootstrapDatabaseRoles(adminUrl)).api;
const db = createDatabase(databaseUrl);
let failed = 0;
try {
  await migrateDatabase(databaseUrl);
  await seedDemo(db, []);
  const catalogue = await getAttributeCatalogue(db);
  const models = new ModelValuesById(db);
  const excusedByReason = new Map<string, number>();
  let exports = 0;
  let afterId: string | null = null;
  for (;;) {
    const page = await findBatteryPassRecordPage(db, models, DEMO_ORGANIZATIONS[0].id, afterId, 200);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    for (const record of page) {
      const valuedKeys = new Set(
        resolveEffectiveAttributes(catalogue.definitions, {
          modelValues: record.modelValues,
          passportValues: record.passportValues,
          derived: getDerivedValues(record),
        })
          .filter((attribute) => attribute.value !== null)
          .map((attribute) => attribute.definition.key),
      );
      for (const readerAccess of VIEWS) {
        const unconvertedKeys = new Set<string>();
        const exported = getPassportBatteryPass(record, catalogue, readerAccess, (key) => unconvertedKeys.add(key));
        const check = checkBatteryPassExport(validators, catalogue.definitions, exported, {
          readerAccess,
          batteryCategory: record.model.batteryCategory,
          valuedKeys,
          unconvertedKeys,
          allowIncomplete: true,
        });
        exports++;
        for (const problem of check.excused) {
          const reason = problem.message.replace(/ \(.*\)$/, "");
          excusedByReason.set(reason, (excusedByReason.get(reason) ?? 0) + 1);
        }
        for (const error of check.errors) {
          failed++;
          if (failed <= 20)
            console.error(`${record.publicId} ${readerAccess} ${error.submodel}${error.pointer}: ${error.message}`);
        }
      }
    }
  }
  console.log(`Battery Pass conformance against ${dataDir}/schemas`);
  console.log(`| exports checked (seeded passports × ${VIEWS.length} views) | schema errors |`);
  console.log("|---|---|");
  console.log(`| ${exports} | ${failed} |`);
  console.log("\nrequired properties excused, by reason:");
  for (const [reason, count] of [...excusedByReason].sort((a, b) => b[1] - a[1])) console.log(`  ${count}\t${reason}`);
  if (exports === 0) {
    console.error("no seeded passport to check");
    failed = 1;
  }
} finally {
  await closeDatabase(db);
  await dropDatabase(server.url, name).catch((error) => console.error(`could not drop ${name}: ${error}`));
  await server.stop();
}
process.exit(failed === 0 ? 0 : 1);
