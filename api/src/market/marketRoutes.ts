import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { ChainMirror } from "../chain/ChainMirror.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { getMarketUnit } from "./getMarketUnit.ts";
import { listHeldUnits } from "./listHeldUnits.ts";
import { LISTING_SORTS, listMarketListings } from "./listMarketListings.ts";
import type { MarketUnitSummary } from "./MarketUnitSummary.ts";

const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const Amount = z.string().openapi({ description: "An on-chain amount in wei, as a decimal string" });
const WeiQuery = z.string().regex(/^\d{1,78}$/);
const UnitId = z
  .string()
  .regex(/^\d{1,78}$/)
  .openapi({ description: "The unit token id, in decimal" });

const MarketUnitSummarySchema = z
  .object({
    unitId: UnitId,
    passportPublicId: z.string(),
    serialNumber: z.string().nullable(),
    modelName: z.string().nullable(),
    modelCode: z.string().nullable(),
    manufacturerName: z.string().nullable(),
    chemistry: z.string().nullable(),
    stateOfHealthPct: z.number().nullable().openapi({
      description: "The latest state-of-health reading, percent, when the catalogue makes it public (v1.2 does not)",
    }),
  })
  .openapi("MarketUnitSummary");

const MarketListingSchema = z
  .object({
    listingId: z.string(),
    seller: z.string(),
    paymentToken: z.string(),
    price: Amount,
    feeBps: z.number().int(),
    state: z.string(),
    buyer: z.string().nullable(),
    createdAt: z.string(),
    unit: MarketUnitSummarySchema,
  })
  .openapi("MarketListing");

const listingsRoute = createRoute({
  method: "get",
  path: "/market/listings",
  tags: ["market"],
  summary: "Listings from the chain mirror with their units' passport summaries; active ones unless `state` says",
  request: {
    query: z.object({
      model: z.string().max(100).optional().openapi({ description: "Part of the model's name or code" }),
      chemistry: z.string().max(100).optional(),
      minStateOfHealth: z.coerce.number().min(0).max(100).optional(),
      minPrice: WeiQuery.optional(),
      maxPrice: WeiQuery.optional(),
      paymentToken: Address.optional(),
      seller: Address.optional(),
      state: z.enum(["Active", "Sold", "Cancelled", "any"]).optional(),
      sort: z.enum(LISTING_SORTS).optional(),
      limit: z.coerce.number().int().min(1).max(100).optional(),
    }),
  },
  responses: {
    200: {
      description: "The listings",
      content: { "application/json": { schema: z.object({ items: z.array(MarketListingSchema) }) } },
    },
    ...problemResponses(422, 503),
  },
});

const unitRoute = createRoute({
  method: "get",
  path: "/market/units/{unitId}",
  tags: ["market"],
  summary: "A unit token: passport summary, registry state, holder and history (owners, listings, leases, repairs)",
  request: { params: z.object({ unitId: UnitId }) },
  responses: {
    200: {
      description: "The unit",
      content: {
        "application/json": {
          schema: z
            .object({
              unit: MarketUnitSummarySchema,
              owner: z.string(),
              user: z.string().nullable(),
              userExpires: z.string(),
              activeListingId: z.string().nullable(),
              activeLeaseId: z.string().nullable(),
              anchor: z
                .object({ latestVersion: z.string(), isRevoked: z.boolean(), anchorCount: z.number().int() })
                .nullable(),
              history: z.object({
                owners: z.array(
                  z.object({ from: z.string(), to: z.string(), at: z.string(), transactionHash: z.string() }),
                ),
                listings: z.array(
                  z.object({
                    listingId: z.string(),
                    seller: z.string(),
                    buyer: z.string().nullable(),
                    price: Amount,
                    paymentToken: z.string(),
                    state: z.string(),
                    createdAt: z.string(),
                  }),
                ),
                leases: z.array(
                  z.object({
                    leaseId: z.string(),
                    lessor: z.string(),
                    lessee: z.string().nullable(),
                    ratePerDay: Amount,
                    state: z.string(),
                    startsAt: z.string(),
                    endsAt: z.string(),
                  }),
                ),
                repairs: z.array(
                  z.object({
                    repairId: z.string(),
                    provider: z.string(),
                    decision: z.string(),
                    at: z.string(),
                    claimedByLeaseId: z.string().nullable(),
                  }),
                ),
              }),
            })
            .openapi("MarketUnit"),
        },
      },
    },
    ...problemResponses(404, 422, 503),
  },
});

const heldUnitsRoute = createRoute({
  method: "get",
  path: "/market/units",
  tags: ["market"],
  summary: "The units a wallet owns, has listed or leased out, or uses now (ERC-4907)",
  request: {
    query: z.object({ holder: Address, limit: z.coerce.number().int().min(1).max(200).optional() }),
  },
  responses: {
    200: {
      description: "The units",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(
              z.object({
                unit: MarketUnitSummarySchema,
                holding: z.enum(["owner", "seller", "lessor", "user"]),
                owner: z.string(),
                user: z.string().nullable(),
                userExpires: z.string(),
                activeListingId: z.string().nullable(),
                activeLeaseId: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    ...problemResponses(422, 503),
  },
});

const toSummaryJson = (summary: MarketUnitSummary) => ({ ...summary, unitId: summary.unitId.toString() });
const toIdJson = (id: bigint | null) => (id === null ? null : id.toString());

/** The market's public reads: everything here is on chain already, joined with public passport fields. */
export function marketRoutes(mirror: ChainMirror, clock: { now(): number } = Date) {
  const app = createRouter<AppEnv>();

  app.openapi(listingsRoute, async (c) => {
    const query = c.req.valid("query");
    const listings = await listMarketListings(mirror, {
      model: query.model,
      chemistry: query.chemistry,
      minStateOfHealthPct: query.minStateOfHealth,
      minPrice: query.minPrice === undefined ? undefined : BigInt(query.minPrice),
      maxPrice: query.maxPrice === undefined ? undefined : BigInt(query.maxPrice),
      paymentToken: query.paymentToken,
      seller: query.seller,
      state: query.state,
      sort: query.sort,
      limit: query.limit ?? 50,
    });
    return c.json(
      {
        items: listings.map((listing) => ({
          ...listing,
          listingId: listing.listingId.toString(),
          price: listing.price.toString(),
          createdAt: listing.createdAt.toISOString(),
          unit: toSummaryJson(listing.unit),
        })),
      },
      200,
    );
  });

  app.openapi(unitRoute, async (c) => {
    const unit = await getMarketUnit(mirror, BigInt(c.req.valid("param").unitId), new Date(clock.now()));
    return c.json(
      {
        unit: toSummaryJson(unit.summary),
        owner: unit.owner,
        user: unit.user,
        userExpires: unit.userExpires.toString(),
        activeListingId: toIdJson(unit.activeListingId),
        activeLeaseId: toIdJson(unit.activeLeaseId),
        anchor: unit.anchor ? { ...unit.anchor, latestVersion: unit.anchor.latestVersion.toString() } : null,
        history: {
          owners: unit.history.owners.map((owner) => ({ ...owner, at: owner.at.toISOString() })),
          listings: unit.history.listings.map((listing) => ({
            ...listing,
            listingId: listing.listingId.toString(),
            price: listing.price.toString(),
            createdAt: listing.createdAt.toISOString(),
          })),
          leases: unit.history.leases.map((lease) => ({
            ...lease,
            leaseId: lease.leaseId.toString(),
            ratePerDay: lease.ratePerDay.toString(),
            startsAt: lease.startsAt.toString(),
            endsAt: lease.endsAt.toString(),
          })),
          repairs: unit.history.repairs.map((repair) => ({
            ...repair,
            repairId: repair.repairId.toString(),
            at: repair.at.toISOString(),
            claimedByLeaseId: toIdJson(repair.claimedByLeaseId),
          })),
        },
      },
      200,
    );
  });

  app.openapi(heldUnitsRoute, async (c) => {
    const query = c.req.valid("query");
    const units = await listHeldUnits(mirror, query.holder, new Date(clock.now()), query.limit ?? 100);
    return c.json(
      {
        items: units.map((unit) => ({
          unit: toSummaryJson(unit.summary),
          holding: unit.holding,
          owner: unit.owner,
          user: unit.user,
          userExpires: unit.userExpires.toString(),
          activeListingId: toIdJson(unit.activeListingId),
          activeLeaseId: toIdJson(unit.activeLeaseId),
        })),
      },
      200,
    );
  });

  return app;
}
