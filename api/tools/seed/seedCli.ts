import { closeDatabase, createDatabase } from "../../src/database/Database.ts";
import { seedDemo } from "./seedDemo.ts";
import { seedDemoCommunity } from "./seedDemoCommunity.ts";
import { seedDemoService } from "./seedDemoService.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const members = (process.env.SEED_MEMBER_ADDRESSES ?? "").split(",").filter(Boolean);
const db = createDatabase(url);
try {
  await seedDemo(db, members);
  console.log(`seeded demo organizations and ${members.length} members`);
  // CHAIN_RPC_URL (the local chain only): stake the centre's provider wallet, mint the garage's units, record the repair.
  await seedDemoService(db, { rpcUrl: process.env.CHAIN_RPC_URL });
  console.log(
    "seeded the service demo: a verified centre, an owner's garage, a booking, an open and a completed work order",
  );
  await seedDemoCommunity(db);
  console.log(
    "seeded the energy community demo: an operator, six members (one pending), assets and two weeks of readings",
  );
} finally {
  await closeDatabase(db);
}
