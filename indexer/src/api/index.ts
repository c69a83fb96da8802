import { Hono } from "hono";

/**
 * The indexer serves no query endpoint of its own: Ponder's SQL over HTTP (`/sql`) validated
 * queries through a cache keyed by 40 bits of a hash, so a prepared collision ran any statement
 * as the indexer's role, and its GraphQL retries a query that hit its statement timeout up to nine
 * times, long after the caller left. Nothing of ours read either: the web and the verifier get
 * chain facts from the api (which reads the views schema) or from the chain itself. Ponder's
 * own `/health`, `/ready` and `/status` stay.
 */
const app = new Hono();

export default app;
