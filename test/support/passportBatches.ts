import { contentHash, type ProtocolDriver } from "./protocolDriver.ts";

/**
 * Anchors `batches` Merkle batches of `itemsPerBatch` passports each, with per-passport events:
 * the cheapest way to put many events on a test chain (one transaction emits itemsPerBatch + 3).
 */
export async function anchorPassportBatches(
  driver: ProtocolDriver,
  options: { batches: number; itemsPerBatch: number; tag: string },
): Promise<number> {
  const manufacturer = driver.accounts[1]!;
  for (let batch = 0; batch < options.batches; batch++) {
    const ids = Array.from({ length: options.itemsPerBatch }, (_, item) =>
      contentHash(`${options.tag}-${batch}-${item}`),
    );
    await driver.write(manufacturer, "PassportRegistry", "anchorBatch", [
      contentHash(`${options.tag}-root-${batch}`),
      options.itemsPerBatch,
      ids,
    ]);
  }
  return options.batches * (options.itemsPerBatch + 3);
}
