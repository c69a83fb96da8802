import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { mayAnchorPassports } from "../anchoring/mayAnchorPassports.ts";
import { getSession } from "../auth/loadSession.ts";
import { type ChainMirror, TT_TRANSFER_KINDS } from "../chain/ChainMirror.ts";
import { ForbiddenError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";

const TRANSFER_LIMIT = 20;

const AccountSchema = z
  .object({
    address: z.string(),
    memberships: z.array(
      z.object({
        organizationId: z.string(),
        organizationName: z.string(),
        organizationKind: z.string().openapi({ description: "MANUFACTURER, SERVICE_CENTRE, RECYCLER, …" }),
        role: z.string(),
        canAnchorPassports: z.boolean().openapi({
          description: "Whether this member may prepare, anchor and revoke the organization's passport batches",
        }),
      }),
    ),
    tt: z.object({
      balance: z.string().openapi({ description: "TT balance in wei, as a decimal string" }),
      transfers: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(TT_TRANSFER_KINDS).openapi({
            description:
              "What the movement was: mint, stake, unstake, reward (from staking), purchase (a marketplace sale), lease (rent or collateral), fee, or a plain transfer",
          }),
          from: z.string(),
          to: z.string(),
          amount: z.string(),
          blockNumber: z.string(),
          timestamp: z.string(),
          transactionHash: z.string(),
        }),
      ),
    }),
  })
  .openapi("Account");

const accountRoute = createRoute({
  method: "get",
  path: "/accounts/{address}",
  tags: ["accounts"],
  summary: "A signed-in wallet's organizations (off-chain) with its TT balance and transfers (chain mirror)",
  request: { params: z.object({ address: z.string().regex(/^0x[0-9a-fA-F]{40}$/) }) },
  responses: {
    200: { description: "The account", content: { "application/json": { schema: AccountSchema } } },
    ...problemResponses(401, 403, 422, 503),
  },
});

export function accountRoutes(services: AppServices, mirror: ChainMirror) {
  const app = createRouter<AppEnv>();

  app.openapi(accountRoute, async (c) => {
    const session = getSession(c);
    const address = c.req.valid("param").address.toLowerCase();
    if (address !== session.address) throw new ForbiddenError("an account is visible to its own wallet only");

    const [memberships, balance, transfers] = await Promise.all([
      services.db.prisma.membership.findMany({
        where: { userId: session.userId },
        include: { organization: true },
        orderBy: { createdAt: "asc" },
      }),
      mirror.getTtBalance(address),
      mirror.listTtTransfers(address, TRANSFER_LIMIT),
    ]);

    return c.json(
      {
        address,
        memberships: memberships.map((membership) => ({
          organizationId: membership.organizationId,
          organizationName: membership.organization.name,
          organizationKind: membership.organization.kind,
          role: membership.role,
          canAnchorPassports: mayAnchorPassports({
            organizationKind: membership.organization.kind,
            role: membership.role,
          }),
        })),
        tt: {
          balance: balance.toString(),
          transfers: transfers.map((transfer) => ({
            ...transfer,
            amount: transfer.amount.toString(),
            blockNumber: transfer.blockNumber.toString(),
            timestamp: transfer.timestamp.toISOString(),
          })),
        },
      },
      200,
    );
  });

  return app;
}
