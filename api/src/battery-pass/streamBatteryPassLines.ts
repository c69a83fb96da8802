import type { AttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import type { ReaderAccess } from "../attributes/ReaderAccess.ts";
import type { Database } from "../database/Database.ts";
import { findBatteryPassRecordPage, ModelValuesById } from "./findBatteryPassSources.ts";
import { getPassportBatteryPass } from "./getPassportBatteryPass.ts";

export const BATTERY_PASS_PAGE_SIZE = 1000;

/**
 * A tenant's passports as JSON Lines, one Battery Pass export a line, read a page at a time when the
 * consumer asks for more: memory stays at two pages (the one written, the next being read) however
 * many passports there are.
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
  const fetchPage = (afterId: string | null) => {
    const page = findBatteryPassRecordPage(db, models, tenantId, afterId, pageSize);
    // Read ahead: a failure surfaces when the page is awaited, never as an unhandled rejection.
    page.catch(() => {});
    return page;
  };
  // The next page is read while this one is written: Postgres and the serialiser work side by side.
  let next: ReturnType<typeof fetchPage> | null = fetchPage(null);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const records = next ? await next : [];
        next = records.length === pageSize ? fetchPage(records[records.length - 1]!.id) : null;
        if (records.length === 0) {
          controller.close();
          return;
        }
        let lines = "";
        for (const record of records)
          lines += `${JSON.stringify(getPassportBatteryPass(record, catalogue, readerAccess))}\n`;
        controller.enqueue(encoder.encode(lines));
        if (next === null) controller.close();
      },
      cancel() {
        // A reader that goes away leaves at most the page being read; its result is dropped.
        next = null;
      },
    },
    { highWaterMark: 1 },
  );
}
