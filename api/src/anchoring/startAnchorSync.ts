import type { Logger } from "pino";
import type { ApiConfig } from "../config.ts";
import type { Database } from "../database/Database.ts";
import { getChainClient, getRegistryOverride } from "./getChainClient.ts";
import { syncPassportAnchors } from "./syncPassportAnchors.ts";

/**
 * Reads passport batch anchors and revocations from the chain now and every
 * PASSPORT_ANCHOR_SYNC_MS; the first run also clears anchors a fresh chain does not hold.
 * Returns a function that stops it.
 */
export function startAnchorSync(db: Database, config: ApiConfig, logger: Logger): () => void {
  if (config.PASSPORT_ANCHOR_SYNC_MS === 0) return () => {};
  let isRunning = false;
  let wasFailing = false;
  const run = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      const result = await syncPassportAnchors(db, getChainClient(config), getRegistryOverride(config));
      if (result.wasReset)
        logger.warn({ registry: result.registry }, "a new chain: cleared passport anchors it does not hold");
      if (result.anchored + result.revoked > 0) logger.info(result, "recorded passport batch anchors from the chain");
      wasFailing = false;
    } catch (error) {
      if (!wasFailing) logger.warn({ err: error }, "cannot read passport anchors from the chain yet");
      wasFailing = true;
    } finally {
      isRunning = false;
    }
  };
  void run();
  const timer = setInterval(run, config.PASSPORT_ANCHOR_SYNC_MS);
  timer.unref();
  return () => clearInterval(timer);
}
