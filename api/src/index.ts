export { createApp } from "./app.ts";
export { type ApiConfig, readApiConfig } from "./config.ts";
export { migrateDatabase } from "./database/migrate.ts";
export { createDatabase, type Database } from "./database/prisma.ts";
