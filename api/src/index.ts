export { createApp } from "./app.ts";
export { type ApiConfig, readApiConfig } from "./config.ts";
export { closeDatabase, createDatabase, type Database } from "./database/Database.ts";
export { migrateDatabase } from "./database/migrate.ts";
