import { findPassportRegistry } from "@a360/contracts/passport";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { ConflictError, NotFoundError, UnavailableError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { getTenantMember } from "../tenancy/TenantMember.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import { getChainClient, getRegistryOverride } from "./getChainClient.ts";
import { getPassportAnchoringMember } from "./getPassportAnchoringMember.ts";
import { findPassportBatch, listPassportBatches, PassportBatchSchema } from "./PassportBatchView.ts";
import { preparePassportBatch } from "./preparePassportBatch.ts";
import { syncPassportAnchors } from "./syncPassportAnchors.ts";

const BatchParamsSchema = OrganizationParamsSchema.extend({ batchId: z.string().uuid() });

const prepareRoute = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/passport-batches",
  tags: ["anchoring"],
  summary: "Prepare a batch of every unanchored passport version",
  description:
    "Creates versions for passports whose data changed, then builds one Merkle batch over every version not yet anchored and stores every proof. Anchor `root` with PassportRegistry.anchorBatch(root, leafCount, publicIdHashes) from a manufacturer wallet (approve leafCount × attestationFee TT first), then confirm. Returns the prepared batch again while nothing changed.",
  security: SESSION_SECURITY,
  request: { params: OrganizationParamsSchema },
  responses: {
    200: { description: "The prepared batch", content: { "application/json": { schema: PassportBatchSchema } } },
    204: { description: "Every version is anchored: nothing to prepare" },
    ...problemResponses(401, 403, 422),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/passport-batches",
  tags: ["anchoring"],
  summary: "The tenant's passport batches, newest first",
  security: SESSION_SECURITY,
  request: { params: OrganizationParamsSchema },
  responses: {
    200: {
      description: "Batches",
      content: { "application/json": { schema: z.object({ items: z.array(PassportBatchSchema) }) } },
    },
    ...problemResponses(401, 403, 422),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/passport-batches/{batchId}",
  tags: ["anchoring"],
  summary: "One passport batch with the call that anchors it",
  security: SESSION_SECURITY,
  request: { params: BatchParamsSchema },
  responses: {
    200: { description: "The batch", content: { "application/json": { schema: PassportBatchSchema } } },
    ...problemResponses(401, 403, 404, 422),
  },
});

const confirmRoute = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/passport-batches/{batchId}/anchoring",
  tags: ["anchoring"],
  summary: "Record the batch's anchoring as the chain shows it",
  description:
    "Reads PassportRegistry's batch events from the chain and records chain id, registry, block, transaction and log index for every batch whose root it finds (revocations too). The api also does this every few seconds on its own.",
  security: SESSION_SECURITY,
  request: { params: BatchParamsSchema },
  responses: {
    200: {
      description: "The batch as the chain shows it",
      content: { "application/json": { schema: PassportBatchSchema } },
    },
    ...problemResponses(401, 403, 404, 422, 503),
  },
});

const revocationRoute = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/passport-batches/{batchId}/revocation",
  tags: ["anchoring"],
  summary: "Record the batch's revocation as the chain shows it",
  description:
    "Call once PassportRegistry.revokeBatch(root) from a manufacturer wallet of the organization is mined. Reads the registry's events from the chain (nothing in the request is taken on trust) and marks the batch REVOKED with the block, transaction and time of the revocation; every passport version in it then reads as revoked. 409 while the chain holds no revocation of the batch.",
  security: SESSION_SECURITY,
  request: { params: BatchParamsSchema },
  responses: {
    200: {
      description: "The revoked batch as the chain shows it",
      content: { "application/json": { schema: PassportBatchSchema } },
    },
    ...problemResponses(401, 403, 404, 409, 422, 503),
  },
});

export function passportBatchRoutes(services: AppServices) {
  const { db, config } = services;
  const app = createRouter<AppEnv>();
  const anchorTarget = async () => {
    const chainId = await getChainClient(config)
      .getChainId()
      .catch(() => undefined);
    const registry =
      getRegistryOverride(config).registry ?? (chainId ? findPassportRegistry(chainId)?.address : undefined);
    return { chainId: chainId ?? null, registry: registry ?? null };
  };
  /** The tenant's batch after the api has read the registry's events up to the chain's head. */
  const getBatchAsChainShows = async (organizationId: string, batchId: string) => {
    if (
      !(await db.prisma.passportBatch.findFirst({
        where: { id: batchId, tenantId: organizationId },
        select: { id: true },
      }))
    ) {
      throw new NotFoundError("passport batch");
    }
    try {
      await syncPassportAnchors(db, getChainClient(config), getRegistryOverride(config));
    } catch (error) {
      throw new UnavailableError("the chain could not be read", error);
    }
    const batch = await findPassportBatch(db, organizationId, batchId, await anchorTarget());
    if (!batch) throw new NotFoundError("passport batch");
    return batch;
  };

  app.openapi(prepareRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getPassportAnchoringMember(c, services, organizationId);
    const prepared = await preparePassportBatch(db, organizationId);
    if (!prepared) return c.body(null, 204);
    const batch = await findPassportBatch(db, organizationId, prepared.id, await anchorTarget());
    if (!batch) throw new NotFoundError("passport batch");
    return c.json(batch, 200);
  });

  app.openapi(listRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getTenantMember(c, services, organizationId, "read");
    return c.json({ items: await listPassportBatches(db, organizationId) }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const { organizationId, batchId } = c.req.valid("param");
    await getTenantMember(c, services, organizationId, "read");
    const batch = await findPassportBatch(db, organizationId, batchId, await anchorTarget());
    if (!batch) throw new NotFoundError("passport batch");
    return c.json(batch, 200);
  });

  app.openapi(confirmRoute, async (c) => {
    const { organizationId, batchId } = c.req.valid("param");
    await getPassportAnchoringMember(c, services, organizationId);
    return c.json(await getBatchAsChainShows(organizationId, batchId), 200);
  });

  app.openapi(revocationRoute, async (c) => {
    const { organizationId, batchId } = c.req.valid("param");
    await getPassportAnchoringMember(c, services, organizationId);
    const batch = await getBatchAsChainShows(organizationId, batchId);
    if (batch.status === "ANCHORED") {
      throw new ConflictError("the chain holds no revocation of this batch: send PassportRegistry.revokeBatch(root)");
    }
    if (batch.status !== "REVOKED") {
      throw new ConflictError(
        `the batch is ${batch.status.toLowerCase()}, not anchored on this chain: nothing to revoke`,
      );
    }
    return c.json(batch, 200);
  });

  return app;
}
