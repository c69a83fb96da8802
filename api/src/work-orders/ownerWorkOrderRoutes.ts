import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { recordAudit } from "../audit/recordAudit.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { PUBLIC_SECURITY, SESSION_SECURITY } from "../http/security.ts";
import { type Notified, notify } from "../notifications/notify.ts";
import { UnitParamsSchema } from "../owners/garageRoutes.ts";
import { getUnitAccess } from "../owners/UnitAccess.ts";
import { CentreParamsSchema } from "../service-centres/ServiceCentreSchemas.ts";
import { getServiceStaffMember } from "../service-centres/ServiceStaffMember.ts";
import { getCentreTrust, getUnitTrust } from "./TrustScore.ts";
import { CorrectionSchema } from "./WorkOrderSchemas.ts";
import { toCorrectionView } from "./workOrderRoutes.ts";

const CorrectionDecisionSchema = z
  .object({ decision: z.enum(["ACCEPT", "REJECT"]), note: z.string().trim().max(2000).optional() })
  .openapi("CorrectionDecision", { example: { decision: "ACCEPT" } });
const ReviewInputSchema = z
  .object({ rating: z.number().int().min(1).max(5), body: z.string().trim().max(4000).optional() })
  .openapi("ServiceReviewInput", { example: { rating: 5, body: "Quick and clear about the costs" } });
const CommentInputSchema = z
  .object({ body: z.string().trim().min(1).max(4000) })
  .openapi("ServiceReviewCommentInput", { example: { body: "Thank you!" } });
const ReviewSchema = z
  .object({
    id: z.string().uuid(),
    workOrderId: z.string().uuid(),
    rating: z.number(),
    body: z.string().nullable(),
    createdAt: z.string(),
    comments: z.array(
      z.object({ id: z.string().uuid(), body: z.string(), byCentre: z.boolean(), createdAt: z.string() }),
    ),
  })
  .openapi("ServiceReview");
const CentreTrustSchema = z
  .object({
    completedVisits: z.number(),
    serviceRecords: z.number(),
    anchoredRecords: z.number(),
    reviewCount: z.number(),
    averageRating: z.number().nullable(),
    acceptedCorrections: z.number(),
    score: z.number(),
  })
  .openapi("CentreTrust");
const UnitTrustSchema = z
  .object({
    serviceRecords: z.number(),
    anchoredRecords: z.number(),
    usageReadings: z.number(),
    ownerEntries: z.number(),
    score: z.number(),
  })
  .openapi("UnitTrust");

const CorrectionParams = UnitParamsSchema.extend({ correctionId: z.string().uuid() });
const UnitWorkOrderParams = UnitParamsSchema.extend({ workOrderId: z.string().uuid() });
const ReviewParams = CentreParamsSchema.extend({ reviewId: z.string().uuid() });

const r = {
  corrections: createRoute({
    method: "get",
    path: "/units/{passportId}/corrections",
    tags: ["units"],
    summary: "Corrections centres asked for on this unit's completed work",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(CorrectionSchema) }), "Corrections"),
      ...problemResponses(401, 404),
    },
  }),
  decideCorrection: createRoute({
    method: "post",
    path: "/units/{passportId}/corrections/{correctionId}/decision",
    tags: ["units"],
    summary: "The owner accepts or rejects a correction; the decision is recorded, the completed record stays",
    security: SESSION_SECURITY,
    request: { params: CorrectionParams, body: jsonBody(CorrectionDecisionSchema) },
    responses: { 200: jsonResponse(CorrectionSchema, "The correction"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
  review: createRoute({
    method: "post",
    path: "/units/{passportId}/work-orders/{workOrderId}/review",
    tags: ["units"],
    summary: "Review a completed visit (once)",
    security: SESSION_SECURITY,
    request: { params: UnitWorkOrderParams, body: jsonBody(ReviewInputSchema) },
    responses: { 201: jsonResponse(ReviewSchema, "The review"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
  reviews: createRoute({
    method: "get",
    path: "/service-centres/{organizationId}/reviews",
    tags: ["service centres"],
    summary: "Reviews of a centre's completed visits, newest first",
    security: PUBLIC_SECURITY,
    request: { params: CentreParamsSchema },
    responses: { 200: jsonResponse(z.object({ items: z.array(ReviewSchema) }), "Reviews") },
  }),
  comment: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/service/reviews/{reviewId}/comments",
    tags: ["service centres"],
    summary: "The centre answers a review",
    security: SESSION_SECURITY,
    request: { params: ReviewParams, body: jsonBody(CommentInputSchema) },
    responses: { 201: jsonResponse(ReviewSchema, "The review"), ...problemResponses(401, 403, 404, 422) },
  }),
  centreTrust: createRoute({
    method: "get",
    path: "/service-centres/{organizationId}/trust",
    tags: ["service centres"],
    summary: "A centre's trust score and the verifiable figures behind it",
    security: PUBLIC_SECURITY,
    request: { params: CentreParamsSchema },
    responses: { 200: jsonResponse(CentreTrustSchema, "Trust"), ...problemResponses(404) },
  }),
  unitTrust: createRoute({
    method: "get",
    path: "/units/{passportId}/trust",
    tags: ["units"],
    summary: "A unit's trust score from its anchored records and usage history",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema },
    responses: { 200: jsonResponse(UnitTrustSchema, "Trust"), ...problemResponses(401, 404) },
  }),
};

export function ownerWorkOrderRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  async function getReviewViews(where: { tenantId: string; id?: string }) {
    const reviews = await db.prisma.serviceReview.findMany({ where, orderBy: { createdAt: "desc" }, take: 200 });
    const comments = await db.prisma.serviceReviewComment.findMany({
      where: { reviewId: { in: reviews.map((review) => review.id) } },
      orderBy: { createdAt: "asc" },
    });
    return reviews.map((review) => ({
      id: review.id,
      workOrderId: review.workOrderId,
      rating: review.rating,
      body: review.body,
      createdAt: review.createdAt.toISOString(),
      comments: comments
        .filter((comment) => comment.reviewId === review.id)
        .map((comment) => ({
          id: comment.id,
          body: comment.body,
          byCentre: comment.tenantId === review.tenantId,
          createdAt: comment.createdAt.toISOString(),
        })),
    }));
  }

  app.openapi(r.corrections, async (c) => {
    const { passportId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    const rows = await db.prisma.workOrderCorrection.findMany({
      where: {
        ownerOrgId: access.ownerOrgId,
        workOrderId: {
          in: (await db.prisma.workOrder.findMany({ where: { passportId }, select: { id: true } })).map(
            (order) => order.id,
          ),
        },
      },
      orderBy: { createdAt: "desc" },
    });
    return c.json({ items: rows.map(toCorrectionView) }, 200);
  });

  app.openapi(r.decideCorrection, async (c) => {
    const { passportId, correctionId } = c.req.valid("param");
    const { decision, note } = c.req.valid("json");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    if (access.role !== "OWNER") throw new ForbiddenError("only the unit's owner decides corrections");
    let notified: Notified = { notificationIds: [], deliveryIds: [] };
    const row = await db.prisma.$transaction(async (tx) => {
      const current = await tx.workOrderCorrection.findFirst({
        where: { id: correctionId, ownerOrgId: access.ownerOrgId },
      });
      const order = current && (await tx.workOrder.findFirst({ where: { id: current.workOrderId, passportId } }));
      if (!current || !order) throw new NotFoundError("correction");
      if (current.status !== "REQUESTED") throw new ConflictError(`the correction is already ${current.status}`);
      const status = decision === "ACCEPT" ? "ACCEPTED" : "REJECTED";
      const decided = await tx.workOrderCorrection.update({
        where: { id: correctionId },
        data: { status, decidedById: access.userId, decidedAt: new Date(), decisionNote: note ?? null },
      });
      notified = await notify(tx, {
        tenantId: current.tenantId,
        kind: `work_order.correction_${status.toLowerCase()}`,
        title: `The owner ${status.toLowerCase()} the correction of work order #${order.number}`,
        body: note ?? "",
        payload: { workOrderId: order.id, correctionId },
        idempotencyKey: `work_order.correction_decided:${correctionId}`,
      });
      await recordAudit(tx, {
        tenantId: access.ownerOrgId,
        actorId: access.userId,
        action: `work_order.correction_${status.toLowerCase()}`,
        subjectType: "work_order_correction",
        subjectId: correctionId,
      });
      return decided;
    });
    await services.serviceOutbox?.afterNotify(notified);
    return c.json(toCorrectionView(row), 200);
  });

  app.openapi(r.review, async (c) => {
    const { passportId, workOrderId } = c.req.valid("param");
    const input = c.req.valid("json");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    if (access.role !== "OWNER") throw new ForbiddenError("only the unit's owner reviews its visits");
    const order = await db.prisma.workOrder.findFirst({
      where: { id: workOrderId, passportId, ownerOrgId: access.ownerOrgId },
    });
    if (!order) throw new NotFoundError("work order");
    if (order.status !== "COMPLETED") throw new ConflictError("only a completed visit can be reviewed");
    const existing = await db.prisma.serviceReview.findUnique({ where: { workOrderId } });
    if (existing) throw new ConflictError("this visit is already reviewed");
    const review = await db.prisma.serviceReview.create({
      data: {
        tenantId: order.tenantId,
        workOrderId,
        ownerOrgId: access.ownerOrgId,
        authorId: access.userId,
        rating: input.rating,
        body: input.body ?? null,
      },
    });
    const [view] = await getReviewViews({ tenantId: order.tenantId, id: review.id });
    return c.json(view!, 201);
  });

  app.openapi(r.reviews, async (c) => {
    const { organizationId } = c.req.valid("param");
    return c.json({ items: await getReviewViews({ tenantId: organizationId }) }, 200);
  });

  app.openapi(r.comment, async (c) => {
    const { organizationId, reviewId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "manage_bookings");
    const review = await db.prisma.serviceReview.findFirst({ where: { id: reviewId, tenantId: organizationId } });
    if (!review) throw new NotFoundError("review");
    await db.prisma.serviceReviewComment.create({
      data: { reviewId, tenantId: organizationId, authorId: member.userId, body: input.body },
    });
    const [view] = await getReviewViews({ tenantId: organizationId, id: reviewId });
    return c.json(view!, 201);
  });

  app.openapi(r.centreTrust, async (c) => {
    const { organizationId } = c.req.valid("param");
    const organization = await db.prisma.organization.findFirst({
      where: { id: organizationId, kind: "SERVICE_CENTRE" },
    });
    if (!organization) throw new NotFoundError("service centre");
    return c.json(await getCentreTrust(db, organizationId), 200);
  });

  app.openapi(r.unitTrust, async (c) => {
    const { passportId } = c.req.valid("param");
    await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    return c.json(await getUnitTrust(db, passportId), 200);
  });

  return app;
}
