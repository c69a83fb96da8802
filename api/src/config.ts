import { z } from "zod";

const listOf = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    );

const ConfigSchema = z.object({
  DATABASE_URL: z.string().url(),
  API_HOST: z.string().default("127.0.0.1"),
  API_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  /** Hosts (host[:port]) a SIWE message may name as its domain: the web origins users sign in on. */
  SIWE_DOMAINS: listOf("localhost:3000,127.0.0.1:3000"),
  /**
   * Origins (scheme://host[:port]) of the web: a browser request with an unsafe method must come
   * from one (Origin, Sec-Fetch-Site), and a SIWE message's uri must be on one. Default: http and
   * https on each SIWE domain.
   */
  WEB_ORIGINS: z.string().optional(),
  SIWE_CHAIN_IDS: listOf("31337").transform((ids) => ids.map(Number)),
  SIWE_NONCE_TTL_SECONDS: z.coerce.number().int().positive().default(600),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(24),
  /**
   * Secure cookies need https; the local dev stack serves http. When true the cookie is also named
   * with the `__Host-` prefix (no Domain, Path=/, Secure). Default: true when PUBLIC_WEB_URL is https.
   */
  SESSION_COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  /** Anonymous requests one client address may send per minute (per api process), reads and the rest. */
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Sign-in requests (nonce, verify) one client address may send per minute, across all api processes. */
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /**
   * Peers whose X-Forwarded-For names the client (the web's proxy, a load balancer); the client is
   * the last address there that is not one of them. Default: loopback, where the web runs in development.
   */
  TRUSTED_PROXIES: listOf("127.0.0.1,::1,::ffff:127.0.0.1"),
  /** Postgres schema where the indexer publishes the chain mirror (Ponder's views schema). */
  CHAIN_MIRROR_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default("chain"),
  CHAIN_RPC_URL: z.string().url().default("http://127.0.0.1:8545"),
  /** The PassportRegistry to read anchors from; default: the deployments module's for the chain's id. */
  PASSPORT_REGISTRY_ADDRESS: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/)
    .optional(),
  /** How often the api reads new passport batch anchors and revocations from the chain; 0 turns it off. */
  PASSPORT_ANCHOR_SYNC_MS: z.coerce.number().int().min(0).default(5000),
  /** Origin of the web, for the QR codes of passports (`<origin>/p/<publicId>`). */
  PUBLIC_WEB_URL: z.string().url().default("http://localhost:3000"),
  /** Memory for the anonymous public reads each api process keeps (gzip-compressed); 0 keeps none. */
  PUBLIC_READ_CACHE_MB: z.coerce.number().min(0).default(512),
  /** The longest a kept public read is served, changes aside (they drop it at once). */
  PUBLIC_READ_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  /** Run the job queue's workers and schedules in the api process (development); false where `pnpm worker` runs them. */
  JOB_WORKERS: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  /** Organizations one wallet may administer; creating one more is refused. */
  ORGANIZATIONS_PER_USER_MAX: z.coerce.number().int().min(1).default(20),
  /** Days an invitation to an organization stays open. */
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Private keys (0x…, comma-separated) of service-provider wallets the api records repairs with; a centre names its wallet in its profile. */
  REPAIR_SIGNER_KEYS: listOf(""),
  /** The Telegram bot whose Mini App owners sign in through; unset, Telegram sign-in and delivery are off. */
  TELEGRAM_BOT_TOKEN: z.string().min(20).optional(),
  /** The Bot API server messages go to (a self-hosted one, or a test server). */
  TELEGRAM_API_URL: z.string().url().default("https://api.telegram.org"),
  /** How old a Mini App's initData may be to sign in with it. */
  TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** Attempts of a webhook delivery before it goes to the dead-letter list. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** Allow webhook URLs on loopback and private networks (development and tests only). */
  WEBHOOK_ALLOW_PRIVATE_HOSTS: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

const ApiConfigSchema = ConfigSchema.transform(({ WEB_ORIGINS, SESSION_COOKIE_SECURE, ...config }) => ({
  ...config,
  WEB_ORIGINS: WEB_ORIGINS
    ? WEB_ORIGINS.split(",")
        .map((origin) => origin.trim())
        .filter(Boolean)
    : config.SIWE_DOMAINS.flatMap((domain) => [`http://${domain}`, `https://${domain}`]),
  SESSION_COOKIE_SECURE:
    SESSION_COOKIE_SECURE === undefined ? config.PUBLIC_WEB_URL.startsWith("https:") : SESSION_COOKIE_SECURE === "true",
}));

export type ApiConfig = z.infer<typeof ApiConfigSchema>;

export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = ApiConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`invalid api configuration:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}
