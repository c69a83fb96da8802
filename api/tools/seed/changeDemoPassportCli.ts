import { closeDatabase, createDatabase } from "../../src/database/Database.ts";
import { materialisePassportVersions } from "../../src/passport-versions/materialisePassportVersions.ts";
import { changeDemoPassport } from "./changeDemoPassport.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const db = createDatabase(url);
try {
  const publicId = await changeDemoPassport(db);
  const passport = await db.prisma.passport.findUniqueOrThrow({ where: { publicId }, select: { id: true } });
  await materialisePassportVersions(db, { passportIds: [passport.id] });
  console.log(`changed demo passport ${publicId} after anchoring (repurposed): /p/${publicId}`);
} finally {
  await closeDatabase(db);
}
