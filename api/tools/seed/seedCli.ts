import { closeDatabase, createDatabase } from "../../src/database/Database.ts";
import { seedDemo } from "./seedDemo.ts";

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
} finally {
  await closeDatabase(db);
}
