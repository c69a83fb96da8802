export { DEV_ACCOUNTS } from "../devAccounts.ts";
export { ServiceProcess } from "./ServiceProcess.ts";
export { seedChain } from "./seedChain.ts";
export { DEV_PRICE_REPORTERS, DEV_TT_PRICE_EUR, startDevPriceFeed } from "./startDevPriceFeed.ts";
export { type LocalChain, startLocalChain } from "./startLocalChain.ts";
export {
  dropChainMirror,
  INDEXER_SCHEMA,
  MIRROR_VIEWS_SCHEMA,
  repositoryRoot,
  type Stack,
  startStack,
} from "./startStack.ts";
export { isHttpOk, isRpcUp, waitFor } from "./waitFor.ts";
