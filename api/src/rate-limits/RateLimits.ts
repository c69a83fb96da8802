import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { ApiConfig } from "../config.ts";
import type { Database } from "../database/Database.ts";
import { TooManyRequestsError } from "../errors/ApiError.ts";
import { findClientAddress } from "../http/findClientAddress.ts";
import { problemFromError } from "../http/problem.ts";
import { MemoryRateLimitStore } from "./MemoryRateLimitStore.ts";
import { PostgresRateLimitStore } from "./PostgresRateLimitStore.ts";
import { type RateLimitClock, systemClock } from "./RateLimitClock.ts";

const WINDOW_MS = 60_000;

const SIGN_IN_PATHS = new Set(["/auth/nonce", "/auth/verify"]);

/**
 * Per-client limits on anonymous requests (no session, no API key: signed-in and machine callers
 * are tenants' and answer for their load). Sign-in (nonce, verify) writes rows, so its counts live
 * in Postgres and hold across every api process. Other anonymous requests, the kept public reads
 * above all, are counted in this process's memory: a round trip to Postgres would cost more than
 * the read it guards, so with N api processes a client gets up to N times the limit (a load
 * balancer in front spreads it). Refusals are 429 problems with Retry-After. Both count in fixed
 * one-minute windows read from `clock` (tests inject theirs: no sleeps, no minute boundaries).
 */
export class RateLimits {
  readonly #config: ApiConfig;
  readonly #clock: RateLimitClock;
  readonly #anonymous: MemoryRateLimitStore;
  readonly #signIn: PostgresRateLimitStore;

  constructor(config: ApiConfig, db: Database, options: { clock?: RateLimitClock } = {}) {
    this.#config = config;
    this.#clock = options.clock ?? systemClock;
    this.#signIn = new PostgresRateLimitStore(db, "sign-in", this.#clock);
    this.#anonymous = new MemoryRateLimitStore(this.#clock);
    this.#anonymous.init({ windowMs: WINDOW_MS });
  }

  /** The client's address for a raw request (the kept public reads' fast path). */
  findClientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
    return findClientAddress(peer, header, this.#config.TRUSTED_PROXIES);
  }

  /** Counts an anonymous request; returns the seconds to wait when it is over the limit. */
  takeAnonymous(address: string): number | undefined {
    const { totalHits, resetTime } = this.#anonymous.increment(address);
    if (totalHits <= this.#config.RATE_LIMIT_ANONYMOUS_PER_MINUTE) return undefined;
    return this.#retryAfterSeconds(resetTime);
  }

  /**
   * For the kept public reads' fast path: counts an anonymous request and, over the limit, answers
   * it with the 429 problem itself. Returns true when it answered.
   */
  refuseOverLimit(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.headers.authorization) return false;
    const address = this.findClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"]);
    const retryAfter = this.takeAnonymous(address);
    if (retryAfter === undefined) return false;
    const problem = problemFromError(new TooManyRequestsError(retryAfter), request.url);
    response.writeHead(429, { "content-type": "application/problem+json", "retry-after": String(retryAfter) });
    response.end(JSON.stringify(problem));
    return true;
  }

  /** The Hono middlewares: sign-in counted in Postgres, the other anonymous requests here. */
  middleware(apiPrefix: string, isSignedIn: (c: Context) => boolean): MiddlewareHandler[] {
    const isAnonymous = (c: Context) => !isSignedIn(c) && !c.req.header("authorization");
    const isSignIn = (c: Context) => SIGN_IN_PATHS.has(c.req.path.slice(apiPrefix.length));
    const keyGenerator = (c: Context) => {
      const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
      return this.findClientAddress(incoming?.socket?.remoteAddress, c.req.header("x-forwarded-for"));
    };
    const handler = (c: Context) => {
      // hono-rate-limiter puts what it counted in c.var.rateLimit before it calls this.
      const counted: { resetTime?: Date } | undefined = c.var.rateLimit;
      throw new TooManyRequestsError(this.#retryAfterSeconds(counted?.resetTime));
    };
    return [
      rateLimiter({
        windowMs: WINDOW_MS,
        limit: this.#config.RATE_LIMIT_SIGN_IN_PER_MINUTE,
        store: this.#signIn,
        keyGenerator,
        standardHeaders: false,
        skip: (c) => !isAnonymous(c) || !isSignIn(c),
        handler,
      }),
      rateLimiter({
        windowMs: WINDOW_MS,
        limit: this.#config.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
        store: this.#anonymous,
        keyGenerator,
        // The kept reads' fast path sends none either: a refusal says Retry-After, a success nothing.
        standardHeaders: false,
        skip: (c) => !isAnonymous(c) || isSignIn(c),
        handler,
      }),
    ];
  }

  #retryAfterSeconds(resetTime: Date | undefined): number {
    const now = this.#clock.now();
    return Math.max(1, Math.ceil(((resetTime?.getTime() ?? now + WINDOW_MS) - now) / 1000));
  }
}
