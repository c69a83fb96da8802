import type { AttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import type { ReaderAccess } from "../attributes/ReaderAccess.ts";
import type { Database } from "../database/Database.ts";
import { findBatteryPassRecordPage, ModelValuesById } from "./findBatteryPassSources.ts";
import { getPassportBatteryPass } from "./getPassportBatteryPass.ts";

export const BATTERY_PASS_PAGE_SIZE = 500;

/**
 * A tenant's passports as JSON Lines, one Battery Pass export a line, read a page at a time when the
 * consumer asks for more: memory stays at one page however many passports there are.
 */
export function streamBatteryPassLines(
  db: Database,
  catalogue: AttributeCatalogue,
  tenantId: string,
  readerAccess: ReaderAccess,
  pageSize = BATTERY_PASS_PAGE_SIZE,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const models = new ModelValuesById(db);
  let afterId: string | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const records = await findBatteryPassRecordPage(db, models, tenantId, afterId, pageSize);
        if (records.length === 0) {
          controller.close();
          return;
        }
        let lines = "";
        for (const record of records)
          lines += `${JSON.stringify(getPassportBatteryPass(record, catalogue, readerAccess))}\n`;
        afterId = records[records.length - 1]!.id;
        controller.enqueue(encoder.encode(lines));
        if (records.length < pageSize) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}
