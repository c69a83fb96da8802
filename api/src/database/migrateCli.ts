import { migrateDatabase } from "./migrate.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const applied = await migrateDatabase(url);
console.log(applied.length === 0 ? "database is up to date" : `applied ${applied.join(", ")}`);
