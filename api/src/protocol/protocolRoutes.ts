import { FeeKind, StakeRole } from "@a360/contracts/deployments";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { ChainMirror } from "../chain/ChainMirror.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { FEE_DAYS, getProtocolFigures } from "./getProtocolFigures.ts";

const Amount = z.string().openapi({ description: "An on-chain amount in wei, as a decimal string" });

const ProtocolFiguresSchema = z
  .object({
    staking: z.object({
      totalStaked: Amount,
      roles: z.array(z.object({ role: z.enum(StakeRole), staked: Amount, openPositions: z.number().int() })),
    }),
    market: z.object({
      activeListings: z.number().int(),
      listingsSold: z.number().int(),
      activeLeases: z.number().int(),
      offeredLeases: z.number().int(),
    }),
    units: z.number().int().openapi({ description: "Unit tokens minted" }),
    passports: z.object({
      versionsAnchored: z
        .number()
        .int()
        .openapi({ description: "Passport versions anchored and not revoked (batch leaves and single anchors)" }),
      batches: z.number().int().openapi({ description: "Anchored, unrevoked batches" }),
    }),
    fees: z
      .array(
        z.object({
          day: z.string().openapi({ description: "UTC day, YYYY-MM-DD" }),
          kind: z.enum(FeeKind),
          token: z.string().openapi({ description: "The fee's token address, lower-case" }),
          amount: Amount,
          count: z.number().int(),
        }),
      )
      .openapi({ description: `Fees by UTC day, kind and token over the last ${FEE_DAYS} days` }),
    ttPrice: z
      .object({ price: Amount.openapi({ description: "TT in EUR, 18 decimals" }), postedAt: z.string() })
      .nullable(),
  })
  .openapi("ProtocolFigures");

const protocolRoute = createRoute({
  method: "get",
  path: "/protocol",
  tags: ["protocol"],
  summary: "The protocol's figures from the chain mirror: TVL by role, market counters, fees by day and kind",
  responses: {
    200: { description: "The figures", content: { "application/json": { schema: ProtocolFiguresSchema } } },
    ...problemResponses(503),
  },
});

export function protocolRoutes(mirror: ChainMirror, clock: { now(): number } = Date) {
  const app = createRouter<AppEnv>();
  app.openapi(protocolRoute, async (c) => {
    const figures = await getProtocolFigures(mirror, new Date(clock.now()));
    return c.json(
      {
        staking: {
          totalStaked: figures.staking.totalStaked.toString(),
          roles: figures.staking.roles.map((row) => ({ ...row, staked: row.staked.toString() })),
        },
        market: figures.market,
        units: figures.units,
        passports: figures.passports,
        fees: figures.fees.map((row) => ({ ...row, amount: row.amount.toString() })),
        ttPrice: figures.ttPrice
          ? { price: figures.ttPrice.price.toString(), postedAt: figures.ttPrice.postedAt.toISOString() }
          : null,
      },
      200,
    );
  });
  return app;
}
