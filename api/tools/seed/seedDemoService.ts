import deployments from "@a360/contracts/deployments";
import { organizationIdOf, unitIdOf } from "@a360/contracts/passport";
import {
  DEV_DEPLOYER,
  DEV_MANUFACTURER,
  DEV_MECHANIC,
  DEV_OWNER,
  DEV_SERVICE_PROVIDER,
  getDevAccount,
} from "@a360/scripts/dev-accounts";
import { createPublicClient, http } from "viem";
import type { Database } from "../../src/database/Database.ts";
import { getOwnerOrganizationId } from "../../src/owners/getOwnerOrganizationId.ts";
import { RepairSigners } from "../../src/service-records/RepairSigners.ts";
import { recordRepairOnChain } from "../../src/service-records/recordRepairOnChain.ts";
import { completeWorkOrder } from "../../src/work-orders/completeWorkOrder.ts";
import { grantDevManufacturer } from "../grantDevManufacturer.ts";
import { DEV_SERVICE_PROVIDER_KEY, mintDevUnit, stakeDevServiceProvider } from "./devServiceChain.ts";
import { DEMO_ORGANIZATIONS } from "./seedDemo.ts";
import { getDemoPublicId } from "./seedDemoPassports.ts";

/** Fixed ids keep the service demo idempotent: a second run finds its rows instead of adding more. */
export const DEMO_SERVICE_IDS = {
  applicantCentre: "00000000-0000-4000-8000-000000000004",
  applicantVerification: "00000000-0000-4000-8000-000000000101",
  centreVerification: "00000000-0000-4000-8000-000000000102",
  appointment: "00000000-0000-4000-8000-000000000103",
  openWorkOrder: "00000000-0000-4000-8000-000000000104",
  completedWorkOrder: "00000000-0000-4000-8000-000000000105",
} as const;

/** The demo garage's units: two demo battery packs of the manufacturer, held by the owner on chain. */
export const DEMO_GARAGE_SERIALS = ["VC-TREK-48-880-00001", "VC-CARGO-36-461-00001"] as const;

const CATALOGUE = [
  { sku: "LAB-STD", name: "Workshop labour", kind: "LABOUR", unit: "h", unitPriceCents: 6000n, stock: 0 },
  {
    sku: "DIAG-BMS",
    name: "BMS diagnostics and firmware update",
    kind: "LABOUR",
    unit: "h",
    unitPriceCents: 7500n,
    stock: 0,
  },
  { sku: "CELL-21700", name: "Replacement cell 21700 5Ah", kind: "PART", unit: "pcs", unitPriceCents: 690n, stock: 60 },
  { sku: "CONN-XT60", name: "XT60 connector pair", kind: "PART", unit: "pcs", unitPriceCents: 450n, stock: 25 },
  { sku: "GREASE-DI", name: "Dielectric grease", kind: "MATERIAL", unit: "g", unitPriceCents: 4n, stock: 500 },
] as const;

const WEEKLY_HOURS = {
  "1": [["08:00", "18:00"]],
  "2": [["08:00", "18:00"]],
  "3": [["08:00", "18:00"]],
  "4": [["08:00", "18:00"]],
  "5": [["08:00", "18:00"]],
  "6": [["09:00", "13:00"]],
};

export interface DemoServiceOptions {
  /** The local chain: the provider wallet is staked, the owner's units minted, the completed repair recorded. */
  rpcUrl?: string;
  now?: Date;
}

/**
 * The service demo, so an owner and a centre have something to do on a fresh `pnpm dev`:
 * - Rivoli Service Centre verified (approved application), booking settings and a holiday, a price
 *   catalogue with stock, its admin (#2) as owner and a mechanic (#6) on its staff, its repairs
 *   recorded by the staked service-provider wallet (#3);
 * - an owner (#5) with two battery packs in the garage (minted to the wallet), charging logs, one
 *   booking request waiting for the centre, one work order in progress and one completed (its
 *   repair on chain when a chain is given);
 * - a second centre's verification application in the moderator's (#0) queue.
 */
export async function seedDemoService(db: Database, options: DemoServiceOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  const centre = DEMO_ORGANIZATIONS[1];
  const manufacturer = DEMO_ORGANIZATIONS[0];
  const user = (address: string) =>
    db.prisma.user.upsert({
      where: { address: address.toLowerCase() },
      create: { address: address.toLowerCase() },
      update: {},
    });
  const [moderator, owner, mechanic, centreAdmin] = [
    await user(DEV_DEPLOYER.address),
    await user(DEV_OWNER.address),
    await user(DEV_MECHANIC.address),
    // The demo centre's admin: dev account #2 (seedDemo's membership plan).
    await user(getDevAccount(2).address),
  ];

  // ---- the moderator and the centres' applications ----
  await db.prisma.platformRoleGrant.upsert({
    where: { userId_role: { userId: moderator.id, role: "MODERATOR" } },
    create: { userId: moderator.id, role: "MODERATOR" },
    update: {},
  });
  await db.prisma.organization.upsert({
    where: { id: DEMO_SERVICE_IDS.applicantCentre },
    create: { id: DEMO_SERVICE_IDS.applicantCentre, name: "Officina Nord", kind: "SERVICE_CENTRE" },
    update: {},
  });
  await db.prisma.serviceCentreProfile.upsert({
    where: { organizationId: DEMO_SERVICE_IDS.applicantCentre },
    create: { organizationId: DEMO_SERVICE_IDS.applicantCentre, displayName: "Officina Nord", city: "Milan" },
    update: {},
  });
  const documents = (name: string) => [
    {
      name: `${name} — chamber of commerce extract.pdf`,
      url: "https://example.org/demo/registry.pdf",
      sha256: "0".repeat(64),
    },
  ];
  await db.prisma.serviceCentreVerification.upsert({
    where: { id: DEMO_SERVICE_IDS.applicantVerification },
    create: {
      id: DEMO_SERVICE_IDS.applicantVerification,
      organizationId: DEMO_SERVICE_IDS.applicantCentre,
      documents: documents("Officina Nord"),
      note: "E-bike and light EV batteries since 2019.",
      submittedById: centreAdmin.id,
    },
    update: {},
  });

  // ---- the verified centre ----
  await db.prisma.serviceCentreProfile.upsert({
    where: { organizationId: centre.id },
    create: {
      organizationId: centre.id,
      displayName: centre.name,
      city: "Turin",
      address: "Via Rivoli 12, 10143 Torino",
      phone: "+39 011 000 0000",
      providerWallet: DEV_SERVICE_PROVIDER.address.toLowerCase(),
      verifiedAt: now,
    },
    update: { providerWallet: DEV_SERVICE_PROVIDER.address.toLowerCase() },
  });
  await db.prisma.serviceCentreVerification.upsert({
    where: { id: DEMO_SERVICE_IDS.centreVerification },
    create: {
      id: DEMO_SERVICE_IDS.centreVerification,
      organizationId: centre.id,
      status: "APPROVED",
      documents: documents(centre.name),
      submittedById: centreAdmin.id,
      reviewedById: moderator.id,
      reviewedAt: now,
    },
    update: {},
  });
  await db.prisma.membership.upsert({
    where: { organizationId_userId: { organizationId: centre.id, userId: mechanic.id } },
    create: { organizationId: centre.id, userId: mechanic.id, role: "EDITOR" },
    update: {},
  });
  for (const [member, role] of [
    [centreAdmin, "OWNER"],
    [mechanic, "MECHANIC"],
  ] as const) {
    await db.prisma.serviceStaff.upsert({
      where: { organizationId_userId: { organizationId: centre.id, userId: member.id } },
      create: { organizationId: centre.id, userId: member.id, role },
      update: {},
    });
  }
  await db.prisma.serviceBookingSettings.upsert({
    where: { organizationId: centre.id },
    create: {
      organizationId: centre.id,
      timezone: "Europe/Rome",
      weeklyHours: WEEKLY_HOURS,
      slotMinutes: 60,
      capacity: 2,
    },
    update: {},
  });
  const holiday = new Date(Date.UTC(now.getUTCFullYear(), 11, 25));
  await db.prisma.serviceHoliday.upsert({
    where: { organizationId_day: { organizationId: centre.id, day: holiday } },
    create: { organizationId: centre.id, day: holiday, reason: "Christmas" },
    update: {},
  });
  const items = new Map<string, { id: string; unitPriceCents: bigint; kind: string; unit: string; name: string }>();
  for (const { stock, ...item } of CATALOGUE) {
    const row = await db.prisma.serviceCatalogueItem.upsert({
      where: { tenantId_sku: { tenantId: centre.id, sku: item.sku } },
      create: { ...item, tenantId: centre.id },
      update: {},
    });
    items.set(item.sku, row);
    const moves = await db.prisma.inventoryTransaction.count({
      where: { tenantId: centre.id, catalogueItemId: row.id },
    });
    if (stock > 0 && moves === 0) {
      await db.prisma.inventoryTransaction.create({
        data: {
          tenantId: centre.id,
          catalogueItemId: row.id,
          kind: "RECEIPT",
          quantity: stock,
          note: "Opening stock",
          createdById: centreAdmin.id,
        },
      });
    }
  }

  // ---- the owner's garage ----
  const garageId = await getOwnerOrganizationId(db.prisma, owner.id);
  const passports = await db.prisma.passport.findMany({
    where: { tenantId: manufacturer.id, publicId: { in: DEMO_GARAGE_SERIALS.map(getDemoPublicId) } },
    select: { id: true, publicId: true },
  });
  const units = DEMO_GARAGE_SERIALS.map((serial) => {
    const unit = passports.find((passport) => passport.publicId === getDemoPublicId(serial));
    if (!unit) throw new Error(`the demo passport ${serial} is missing: seed the demo passports first`);
    return unit;
  });
  if (options.rpcUrl) {
    await grantDevManufacturer(options.rpcUrl, DEV_MANUFACTURER.address, manufacturer.id, manufacturer.name);
    await stakeDevServiceProvider(options.rpcUrl);
    const client = createPublicClient({ transport: http(options.rpcUrl) });
    for (const unit of units) {
      const minted = await client
        .readContract({
          address: deployments[31337].UnitToken.address,
          abi: deployments[31337].UnitToken.abi,
          functionName: "ownerOf",
          args: [unitIdOf(organizationIdOf(manufacturer.id), unit.publicId)],
        })
        .then(
          () => true,
          () => false,
        );
      if (!minted) await mintDevUnit(options.rpcUrl, DEV_OWNER.address, unit.publicId);
    }
  }
  const [pack, cargo] = units as [(typeof units)[number], (typeof units)[number]];
  for (const [unit, nickname] of [
    [pack, "Trekking bike pack"],
    [cargo, "Cargo bike pack"],
  ] as const) {
    await db.prisma.garageUnit.upsert({
      where: { tenantId_passportId: { tenantId: garageId, passportId: unit.id } },
      create: {
        tenantId: garageId,
        passportId: unit.id,
        ownerUserId: owner.id,
        source: options.rpcUrl ? "ON_CHAIN" : "REGISTERED",
        nickname,
        usageUnit: "CYCLES",
      },
      update: {},
    });
    await db.prisma.serviceLink.upsert({
      where: { passportId_serviceOrgId: { passportId: unit.id, serviceOrgId: centre.id } },
      create: {
        tenantId: garageId,
        passportId: unit.id,
        serviceOrgId: centre.id,
        status: "ACTIVE",
        method: "BOOKING",
        decidedAt: now,
      },
      update: {},
    });
  }
  for (const [index, daysAgo] of [45, 30, 12].entries()) {
    await db.prisma.unitEntry.upsert({
      where: { passportId_sourceRef: { passportId: pack.id, sourceRef: `demo:charging:${index}` } },
      create: {
        tenantId: garageId,
        passportId: pack.id,
        kind: "CHARGING",
        occurredAt: new Date(now.getTime() - daysAgo * 86_400_000),
        title: "Home charge",
        quantity: 0.85,
        quantityUnit: "kWh",
        amountCents: 26n,
        currency: "EUR",
        sourceRef: `demo:charging:${index}`,
        createdById: owner.id,
      },
      update: {},
    });
  }

  // ---- a booking waiting for the centre, a visit in progress, a completed one ----
  const slot = getNextWeekdaySlot(now, 2, 9);
  const booking = await db.prisma.serviceAppointment.findUnique({ where: { id: DEMO_SERVICE_IDS.appointment } });
  if (!booking) {
    await db.prisma.serviceAppointment.create({
      data: {
        id: DEMO_SERVICE_IDS.appointment,
        tenantId: centre.id,
        ownerOrgId: garageId,
        passportId: pack.id,
        requestedById: owner.id,
        startsAt: slot,
        endsAt: new Date(slot.getTime() + 3_600_000),
        note: "Range dropped by a third since summer; please check the cells.",
      },
    });
  } else if (booking.status === "REQUESTED" && booking.startsAt < now) {
    // A request left from an earlier run stays in the future, so the centre can still confirm it.
    await db.prisma.serviceAppointment.update({
      where: { id: booking.id },
      data: { startsAt: slot, endsAt: new Date(slot.getTime() + 3_600_000) },
    });
  }

  const price = (sku: string) => items.get(sku)!;
  const openWorkOrder = async (id: string, passportId: string, complaint: string, openedAt: Date) => {
    if (await db.prisma.workOrder.findUnique({ where: { id } })) return false;
    const last = await db.prisma.workOrder.aggregate({ where: { tenantId: centre.id }, _max: { number: true } });
    await db.prisma.workOrder.create({
      data: {
        id,
        tenantId: centre.id,
        number: (last._max.number ?? 0) + 1,
        passportId,
        ownerOrgId: garageId,
        assignedUserId: mechanic.id,
        status: "IN_PROGRESS",
        complaint,
        createdById: centreAdmin.id,
        createdAt: openedAt,
      },
    });
    await db.prisma.workOrderStatusChange.createMany({
      data: [
        {
          tenantId: centre.id,
          workOrderId: id,
          fromStatus: null,
          toStatus: "ACCEPTED",
          changedById: centreAdmin.id,
          changedAt: openedAt,
        },
        {
          tenantId: centre.id,
          workOrderId: id,
          fromStatus: "ACCEPTED",
          toStatus: "IN_PROGRESS",
          changedById: mechanic.id,
          changedAt: openedAt,
        },
      ],
    });
    return true;
  };
  const addLabour = (
    workOrderId: string,
    sku: string,
    description: string,
    hours: number,
    nextServiceMonths?: number,
  ) =>
    db.prisma.workOrderLabour.create({
      data: {
        tenantId: centre.id,
        workOrderId,
        catalogueItemId: price(sku).id,
        description,
        hours,
        rateCents: price(sku).unitPriceCents,
        nextServiceMonths: nextServiceMonths ?? null,
      },
    });
  const addPart = (workOrderId: string, sku: string, quantity: number) => {
    const item = price(sku);
    return db.prisma.workOrderPart.create({
      data: {
        tenantId: centre.id,
        workOrderId,
        catalogueItemId: item.id,
        sku,
        name: item.name,
        kind: item.kind as "PART" | "MATERIAL",
        unit: item.unit,
        quantity,
        unitPriceCents: item.unitPriceCents,
      },
    });
  };

  const openedAt = new Date(now.getTime() - 86_400_000);
  if (await openWorkOrder(DEMO_SERVICE_IDS.openWorkOrder, cargo.id, "Connector gets warm under load.", openedAt)) {
    await addLabour(DEMO_SERVICE_IDS.openWorkOrder, "LAB-STD", "Inspect and replace the discharge connector", 0.5);
    await addPart(DEMO_SERVICE_IDS.openWorkOrder, "CONN-XT60", 1);
    await addPart(DEMO_SERVICE_IDS.openWorkOrder, "GREASE-DI", 5);
  }

  const completedAt = new Date(now.getTime() - 20 * 86_400_000);
  const completed = DEMO_SERVICE_IDS.completedWorkOrder;
  if (await openWorkOrder(completed, pack.id, "Annual battery check.", new Date(completedAt.getTime() - 3_600_000))) {
    await addLabour(completed, "DIAG-BMS", "BMS diagnostics and firmware update", 0.5, 12);
    await addLabour(completed, "LAB-STD", "Replace two weak cells and rebalance", 1);
    await addPart(completed, "CELL-21700", 2);
    await completeWorkOrder(
      db,
      {
        tenantId: centre.id,
        workOrderId: completed,
        userId: mechanic.id,
        usageValue: 212,
        decision: "PartsReplaced",
        summary: "Two cells below 80 % capacity replaced; pack rebalanced; firmware 2.4.1.",
      },
      { now: completedAt },
    );
  }

  if (options.rpcUrl) await recordDemoRepairs(db, options.rpcUrl, centre.id);
}

/**
 * The local chain is new at every `pnpm dev`: the demo centre's repairs recorded on an earlier one
 * go back to the outbox and are recorded again (a repair already on this chain is found by its
 * form hash, not sent twice).
 */
async function recordDemoRepairs(db: Database, rpcUrl: string, centreId: string): Promise<void> {
  await db.prisma.repairAnchor.updateMany({
    where: { tenantId: centreId, chainId: 31337 },
    data: {
      status: "PENDING",
      rawTransaction: null,
      transactionHash: null,
      repairId: null,
      blockNumber: null,
      anchoredAt: null,
    },
  });
  await db.prisma.repairAnchor.updateMany({
    where: { tenantId: centreId, status: "NOT_ON_CHAIN" },
    data: { status: "PENDING", lastError: null },
  });
  const chain = {
    client: createPublicClient({ transport: http(rpcUrl) }),
    rpcUrl,
    signers: new RepairSigners([DEV_SERVICE_PROVIDER_KEY]),
  };
  const anchors = await db.prisma.repairAnchor.findMany({
    where: { tenantId: centreId },
    select: { serviceRecordId: true },
  });
  for (const anchor of anchors) await recordRepairOnChain(db, chain, anchor.serviceRecordId);
}

/** `hour`:00 UTC on the first weekday at least `daysAhead` days after `now`. */
function getNextWeekdaySlot(now: Date, daysAhead: number, hour: number): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + daysAhead, hour));
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day;
}
