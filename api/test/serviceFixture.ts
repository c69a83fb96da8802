import { organizationIdOf } from "@a360/contracts/passport";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../src/AppEnv.ts";
import type { Database } from "../src/database/Database.ts";
import { requestWithCookie, type SignedInMember, signIn, signInMember } from "./signInMember.ts";

type App = OpenAPIHono<AppEnv>;

/** A signed-in wallet without an organization: an owner. */
export interface SignedInOwner {
  userId: string;
  address: string;
  cookie: string;
  request: SignedInMember["request"];
}

export async function signInOwner(app: App, db: Database): Promise<SignedInOwner> {
  const { cookie, address } = await signIn(app);
  const user = await db.prisma.user.findUniqueOrThrow({ where: { address } });
  return { userId: user.id, address, cookie, request: requestWithCookie(app, cookie) };
}

/**
 * The chain mirror's `unit` table as the indexer publishes it, in a schema of the test's own, so
 * api tests can say which wallet holds which unit token without a chain.
 */
export async function createUnitMirror(db: Database, schema: string) {
  await db.prisma.$executeRawUnsafe(`create schema if not exists "${schema}"`);
  await db.prisma.$executeRawUnsafe(
    `create table if not exists "${schema}".unit (id numeric primary key, passport_public_id text not null, organisation_id text not null, owner text not null, minted_at numeric not null default 0)`,
  );
  return {
    /** `owner` holds the unit the passport's issuing organisation minted. */
    async holds(owner: string, publicId: string) {
      const { tenantId } = await db.prisma.passport.findUniqueOrThrow({
        where: { publicId },
        select: { tenantId: true },
      });
      await db.prisma.$executeRawUnsafe(
        `insert into "${schema}".unit (id, passport_public_id, organisation_id, owner)
         select coalesce(max(id), 0) + 1, $1, $2, $3 from "${schema}".unit`,
        publicId,
        organizationIdOf(tenantId),
        owner.toLowerCase(),
      );
    },
    async transfer(publicId: string, to: string) {
      await db.prisma.$executeRawUnsafe(
        `update "${schema}".unit set owner = $1 where passport_public_id = $2`,
        to.toLowerCase(),
        publicId,
      );
    },
  };
}

/** A manufacturer with one battery model; `makeUnit` registers a passport of it. */
export async function createManufacturer(app: App, db: Database) {
  const maker = await signInMember(app, db, "MANUFACTURER");
  const org = `/organizations/${maker.organizationId}`;
  const model = (await (
    await maker.request(`${org}/models`, {
      method: "POST",
      body: {
        modelCode: `SVC-${Date.now()}-${Math.random()}`.slice(0, 40),
        name: "E-bike pack",
        batteryCategory: "LMT",
      },
    })
  ).json()) as { id: string };
  let serial = 0;
  return {
    maker,
    async makeUnit(): Promise<{ passportId: string; publicId: string }> {
      const response = await maker.request(`${org}/passports`, {
        method: "POST",
        body: { modelId: model.id, serialNumber: `SVC-SN-${++serial}-${Math.random()}`.slice(0, 40) },
      });
      const passport = (await response.json()) as { id: string; publicId: string };
      return { passportId: passport.id, publicId: passport.publicId };
    },
  };
}

export const WEEKDAYS_8_TO_17 = {
  "1": [["08:00", "17:00"]],
  "2": [["08:00", "17:00"]],
  "3": [["08:00", "17:00"]],
  "4": [["08:00", "17:00"]],
  "5": [["08:00", "17:00"]],
  "6": [["08:00", "17:00"]],
  "7": [["08:00", "17:00"]],
};

/** A verified service centre (UTC, open daily 08-17, hourly slots, 2 places) with a labour rate, oil and a filter in stock. */
export async function createVerifiedCentre(app: App, db: Database) {
  const admin = await signInMember(app, db, "SERVICE_CENTRE");
  const base = `/organizations/${admin.organizationId}/service`;
  await admin.request(`${base}/profile`, {
    method: "PUT",
    body: {
      displayName: "Test Garage",
      city: "Turin",
      address: null,
      phone: null,
      currency: "EUR",
      providerWallet: null,
    },
  });
  await db.prisma.serviceCentreProfile.update({
    where: { organizationId: admin.organizationId },
    data: { verifiedAt: new Date() },
  });
  await admin.request(`${base}/booking-settings`, {
    method: "PUT",
    body: { timezone: "UTC", weeklyHours: WEEKDAYS_8_TO_17, slotMinutes: 60, capacity: 2 },
  });
  const item = async (body: object) =>
    ((await (await admin.request(`${base}/catalogue`, { method: "POST", body })).json()) as { id: string }).id;
  const labourId = await item({
    sku: "LAB-STD",
    name: "Standard labour",
    kind: "LABOUR",
    unit: "h",
    unitPriceCents: 8000,
  });
  const oilId = await item({
    sku: "OIL-5W30",
    name: "Engine oil 5W-30",
    kind: "FLUID",
    unit: "L",
    unitPriceCents: 1290,
  });
  const filterId = await item({ sku: "FLT-OIL", name: "Oil filter", kind: "PART", unit: "pcs", unitPriceCents: 1500 });
  for (const [catalogueItemId, quantity] of [
    [oilId, 20],
    [filterId, 5],
  ] as const) {
    await admin.request(`${base}/inventory`, { method: "POST", body: { catalogueItemId, kind: "RECEIPT", quantity } });
  }
  return { admin, base, organizationId: admin.organizationId, labourId, oilId, filterId };
}

/** The next slot boundary at 10:00 UTC at least a day ahead. */
export function nextSlot(daysAhead = 2, hour = 10): string {
  const day = new Date(Date.now() + daysAhead * 86_400_000);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour)).toISOString();
}

/**
 * A victim's owner and centre rows around `passportId` (written directly), so the isolation test
 * can name a real foreign id for every path parameter of the service routes.
 */
export async function createServiceRowsOf(db: Database, passportId: string, victimUserId: string) {
  const garage = await db.prisma.organization.create({ data: { name: "Victim garage", kind: "OWNER" } });
  const centre = await db.prisma.organization.create({ data: { name: "Victim centre", kind: "SERVICE_CENTRE" } });
  await db.prisma.membership.createMany({
    data: [
      { organizationId: garage.id, userId: victimUserId, role: "ADMIN" },
      { organizationId: centre.id, userId: victimUserId, role: "ADMIN" },
    ],
  });
  await db.prisma.serviceCentreProfile.create({
    data: { organizationId: centre.id, displayName: "Victim centre", verifiedAt: new Date() },
  });
  await db.prisma.garageUnit.create({
    data: { tenantId: garage.id, passportId, ownerUserId: victimUserId, source: "REGISTERED" },
  });
  const entry = await db.prisma.unitEntry.create({
    data: {
      tenantId: garage.id,
      passportId,
      kind: "NOTE",
      occurredAt: new Date(),
      title: `VICTIM-ENTRY-TITLE-${garage.id}`,
    },
  });
  const grant = await db.prisma.unitAccessGrant.create({
    data: { tenantId: garage.id, passportId, granteeId: victimUserId, purposes: ["VIEW_RECORDS"] },
  });
  const link = await db.prisma.serviceLink.create({
    data: { tenantId: garage.id, passportId, serviceOrgId: centre.id, status: "ACTIVE", method: "INVITE" },
  });
  const recommendation = await db.prisma.maintenanceRecommendation.create({
    data: { tenantId: garage.id, passportId, title: `VICTIM-RECOMMENDATION-${garage.id}`, dueOn: new Date() },
  });
  const item = await db.prisma.serviceCatalogueItem.create({
    data: {
      tenantId: centre.id,
      sku: `VICTIM-SKU-${garage.id}`,
      name: "Victim part",
      kind: "PART",
      unit: "pcs",
      unitPriceCents: 100n,
    },
  });
  const appointment = await db.prisma.serviceAppointment.create({
    data: {
      tenantId: centre.id,
      ownerOrgId: garage.id,
      passportId,
      requestedById: victimUserId,
      startsAt: new Date(Date.now() + 86_400_000),
      endsAt: new Date(Date.now() + 90_000_000),
    },
  });
  const workOrder = await db.prisma.workOrder.create({
    data: {
      tenantId: centre.id,
      number: 1,
      passportId,
      ownerOrgId: garage.id,
      createdById: victimUserId,
      complaint: `VICTIM-COMPLAINT-${garage.id}`,
    },
  });
  const line = await db.prisma.workOrderLabour.create({
    data: { tenantId: centre.id, workOrderId: workOrder.id, description: "Victim labour", hours: 1, rateCents: 100n },
  });
  const correction = await db.prisma.workOrderCorrection.create({
    data: {
      tenantId: centre.id,
      workOrderId: workOrder.id,
      ownerOrgId: garage.id,
      requestedById: victimUserId,
      reason: "x",
      changes: {},
    },
  });
  const review = await db.prisma.serviceReview.create({
    data: { tenantId: centre.id, workOrderId: workOrder.id, ownerOrgId: garage.id, authorId: victimUserId, rating: 5 },
  });
  const notification = await db.prisma.notification.create({
    data: {
      tenantId: garage.id,
      kind: "test",
      title: `VICTIM-NOTIFICATION-${garage.id}`,
      body: "",
      idempotencyKey: `victim:${garage.id}`,
    },
  });
  const endpoint = await db.prisma.webhookEndpoint.create({
    data: { tenantId: centre.id, url: "https://example.org/victim", secret: "whsec_victim", kinds: [] },
  });
  const delivery = await db.prisma.webhookDelivery.create({
    data: { tenantId: centre.id, endpointId: endpoint.id, notificationId: notification.id, status: "DEAD" },
  });
  const verification = await db.prisma.serviceCentreVerification.create({
    data: { organizationId: centre.id, documents: [], submittedById: victimUserId },
  });
  return {
    garageId: garage.id,
    centreId: centre.id,
    ids: {
      entryId: entry.id,
      grantId: grant.id,
      linkId: link.id,
      recommendationId: recommendation.id,
      itemId: item.id,
      userId: victimUserId,
      appointmentId: appointment.id,
      workOrderId: workOrder.id,
      lineId: line.id,
      correctionId: correction.id,
      reviewId: review.id,
      verificationId: verification.id,
      notificationId: notification.id,
      endpointId: endpoint.id,
      deliveryId: delivery.id,
      day: "2026-12-25",
    },
    secrets: [
      `VICTIM-NOTIFICATION-${garage.id}`,
      `VICTIM-ENTRY-TITLE-${garage.id}`,
      `VICTIM-RECOMMENDATION-${garage.id}`,
      `VICTIM-SKU-${garage.id}`,
      `VICTIM-COMPLAINT-${garage.id}`,
    ],
  };
}

/** A unit in the owner's garage, linked to the centre by an access code, with an in-progress order holding labour and parts. */
export async function openOrderInProgress(scene: {
  owner: SignedInOwner;
  centre: Awaited<ReturnType<typeof createVerifiedCentre>>;
  manufacturer: Awaited<ReturnType<typeof createManufacturer>>;
  mirror: Awaited<ReturnType<typeof createUnitMirror>>;
  /** Called with the unit's public id before it enters the garage (mint it on chain, say). */
  beforeGarage?: (publicId: string) => Promise<void>;
}): Promise<{ workOrderId: string; passportId: string }> {
  const { owner, centre, manufacturer, mirror } = scene;
  const unit = await manufacturer.makeUnit();
  await scene.beforeGarage?.(unit.publicId);
  await mirror.holds(owner.address, unit.publicId);
  await owner.request("/garage/units", { method: "POST", body: { publicId: unit.publicId } });
  const { code } = (await (
    await owner.request(`/units/${unit.passportId}/access-codes`, { method: "POST" })
  ).json()) as {
    code: string;
  };
  await centre.admin.request(`${centre.base}/links/redeem`, { method: "POST", body: { code } });
  const order = (await (
    await centre.admin.request(`${centre.base}/work-orders`, { method: "POST", body: { passportId: unit.passportId } })
  ).json()) as { id: string };
  const path = `${centre.base}/work-orders/${order.id}`;
  await centre.admin.request(`${path}/status`, { method: "POST", body: { to: "ACCEPTED" } });
  await centre.admin.request(`${path}/status`, { method: "POST", body: { to: "IN_PROGRESS" } });
  await centre.admin.request(`${path}/labour`, {
    method: "POST",
    body: { description: "Brake service", catalogueItemId: centre.labourId, hours: 1, nextServiceMonths: 24 },
  });
  await centre.admin.request(`${path}/parts`, {
    method: "POST",
    body: { catalogueItemId: centre.filterId, quantity: 1 },
  });
  return { workOrderId: order.id, passportId: unit.passportId };
}

/** Everything a completion writes, counted for one work order. */
export async function countCompletionRowsOf(db: Database, workOrderId: string, passportId: string) {
  const record = await db.prisma.serviceRecord.findUnique({ where: { workOrderId } });
  return {
    serviceRecords: record ? 1 : 0,
    entries: await db.prisma.unitEntry.count({ where: { workOrderId } }),
    usage: await db.prisma.usageReading.count({ where: { passportId } }),
    recommendations: await db.prisma.maintenanceRecommendation.count({ where: { workOrderId } }),
    inventory: await db.prisma.inventoryTransaction.count({ where: { workOrderId } }),
    notifications: await db.prisma.notification.count({
      where: { idempotencyKey: `work_order.completed:${workOrderId}` },
    }),
    audit: await db.prisma.auditLogEntry.count({ where: { subjectId: workOrderId, action: "work_order.completed" } }),
    outbox: record ? await db.prisma.repairAnchor.count({ where: { serviceRecordId: record.id } }) : 0,
    status: (await db.prisma.workOrder.findUniqueOrThrow({ where: { id: workOrderId } })).status,
  };
}

/** What countCompletionRowsOf finds for a work order no completion touched. */
export const COMPLETION_NOTHING = {
  serviceRecords: 0,
  entries: 0,
  usage: 0,
  recommendations: 0,
  inventory: 0,
  notifications: 0,
  audit: 0,
  outbox: 0,
  status: "IN_PROGRESS",
};
