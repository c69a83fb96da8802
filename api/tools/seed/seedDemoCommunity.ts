import { DEV_COMMUNITY_MEMBER, DEV_COMMUNITY_OPERATOR } from "@a360/scripts/dev-accounts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { CommunityMemberRole, CommunityMemberStatus } from "../../generated/prisma/enums.ts";
import { ingestMeterReadings, type MeterReadingInput } from "../../src/communities/ingestMeterReadings.ts";
import type { Database } from "../../src/database/Database.ts";
import { DEMO_ORGANIZATIONS } from "./seedDemo.ts";

/** Fixed ids keep the community demo idempotent: a second run updates instead of adding. */
export const DEMO_COMMUNITY_IDS = {
  operator: "00000000-0000-4000-8000-0000000000e1",
  community: "00000000-0000-4000-8000-0000000000e2",
} as const;

const TOPOLOGY = [
  {
    id: "CP-112",
    type: "PRIMARY_SUBSTATION",
    name: "Cabina primaria Borgo",
    operator: "e-distribuzione",
    children: [
      { id: "CS-1", type: "SECONDARY_SUBSTATION", name: "Via dei Mulini", children: [] },
      { id: "CS-2", type: "SECONDARY_SUBSTATION", name: "Piazza Castello", children: [] },
    ],
  },
];
const AREAS = [
  { key: "mulini", name: "Via dei Mulini", topology: ["CS-1"], location: { lat: 45.0703, lon: 7.6869 } },
  { key: "castello", name: "Piazza Castello", topology: ["CS-2"], location: { lat: 45.0719, lon: 7.6857 } },
];

interface DemoMember {
  key: string;
  name: string;
  role: CommunityMemberRole;
  area: string;
  status: CommunityMemberStatus;
  address?: string;
  /** POD number (the last 8 digits), its grid meter and, for producers, a PV plant with a meter. */
  pod: number;
  pvKwp?: number;
  loadKw: number;
}

const MEMBERS: DemoMember[] = [
  {
    key: "M-000001",
    name: "Famiglia Rossi",
    role: "PROSUMER",
    area: "mulini",
    status: "ACTIVE",
    address: DEV_COMMUNITY_MEMBER.address.toLowerCase(),
    pod: 10_000_001,
    pvKwp: 6,
    loadKw: 0.6,
  },
  {
    key: "M-000002",
    name: "Scuola primaria Borgo",
    role: "PRODUCER",
    area: "mulini",
    status: "ACTIVE",
    pod: 10_000_002,
    pvKwp: 40,
    loadKw: 3,
  },
  {
    key: "M-000003",
    name: "Famiglia Bianchi",
    role: "CONSUMER",
    area: "mulini",
    status: "ACTIVE",
    pod: 10_000_003,
    loadKw: 0.8,
  },
  {
    key: "M-000004",
    name: "Panificio Verdi",
    role: "CONSUMER",
    area: "castello",
    status: "ACTIVE",
    pod: 10_000_004,
    loadKw: 4,
  },
  {
    key: "M-000005",
    name: "Famiglia Neri",
    role: "PROSUMER",
    area: "castello",
    status: "SUSPENDED",
    pod: 10_000_005,
    pvKwp: 4,
    loadKw: 0.5,
  },
  // Waits for the operator's approval.
  {
    key: "M-000006",
    name: "Famiglia Gallo",
    role: "CONSUMER",
    area: "castello",
    status: "PENDING",
    pod: 10_000_006,
    loadKw: 0.7,
  },
];

const pod = (member: DemoMember) => `IT001E${member.pod}`;
const SEEDED_DAYS = 14;
const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** Wh in a quarter hour: PV follows the sun (6:00–20:00 UTC in a bell), loads run all day with an evening peak. */
function getDemoReadings(now: number): MeterReadingInput[] {
  const end = Math.floor(now / 86_400_000) * 86_400_000;
  const readings: MeterReadingInput[] = [];
  for (let start = end - SEEDED_DAYS * 86_400_000; start < end; start += QUARTER_HOUR_MS) {
    const hour = (start % 86_400_000) / 3_600_000;
    const day = Math.floor(start / 86_400_000);
    const sun = hour > 6 && hour < 20 ? Math.sin(((hour - 6) / 14) * Math.PI) * (0.75 + 0.25 * Math.cos(day)) : 0;
    const evening = hour >= 17 && hour < 22 ? 1.8 : hour < 6 ? 0.5 : 1;
    for (const member of MEMBERS) {
      const producedWh = Math.round(((member.pvKwp ?? 0) * sun * 1000) / 4);
      const usedWh = Math.round((member.loadKw * evening * 1000) / 4);
      const startIso = new Date(start).toISOString();
      if (member.pvKwp)
        readings.push({ meter: `pv-meter-${member.key}`, direction: "EXPORT", start: startIso, energyWh: producedWh });
      readings.push({
        meter: `grid-${member.key}`,
        direction: "EXPORT",
        start: startIso,
        energyWh: Math.max(producedWh - usedWh, 0),
      });
      readings.push({
        meter: `grid-${member.key}`,
        direction: "IMPORT",
        start: startIso,
        energyWh: Math.max(usedWh - producedWh, 0),
      });
    }
  }
  return readings;
}

/**
 * The energy community demo: a community operator (dev account #7, admin) runs "CER Borgo Solare"
 * with two areas on its grid topology and six members (one pending approval, one suspended); dev
 * account #8 is the Rossi family, an active prosumer with a delivery point, a PV plant, a home
 * battery linked to one of the demo manufacturer's passports, meters, and two weeks of readings.
 */
export async function seedDemoCommunity(db: Database, now = Date.now()): Promise<void> {
  const organizationId = DEMO_COMMUNITY_IDS.operator;
  const communityId = DEMO_COMMUNITY_IDS.community;
  await db.prisma.organization.upsert({
    where: { id: organizationId },
    create: { id: organizationId, name: "Borgo Solare Energia", kind: "COMMUNITY_OPERATOR" },
    update: {},
  });
  const operatorAddress = DEV_COMMUNITY_OPERATOR.address.toLowerCase();
  const operator = await db.prisma.user.upsert({
    where: { address: operatorAddress },
    create: { address: operatorAddress },
    update: {},
  });
  await db.prisma.membership.upsert({
    where: { organizationId_userId: { organizationId, userId: operator.id } },
    create: { organizationId, userId: operator.id, role: "ADMIN" },
    update: { role: "ADMIN" },
  });
  const community = {
    name: "CER Borgo Solare",
    description: "A renewable energy community of households, a school roof and a bakery on one primary substation",
    areas: AREAS,
    topology: TOPOLOGY as Prisma.InputJsonValue,
    legal: { name: "CER Borgo Solare ETS", legalForm: "association" },
    links: { website: "https://example.org/borgo-solare" },
    contact: { email: "info@example.org" },
    settings: { timezone: "Europe/Rome", currency: "EUR", incentivePerMwh: 110 },
  };
  await db.prisma.community.upsert({
    where: { id: communityId },
    create: {
      id: communityId,
      tenantId: organizationId,
      key: "borgo_solare",
      mintedMembers: MEMBERS.length,
      ...community,
    },
    update: community,
  });
  const passport = await db.prisma.passport.findFirst({
    where: { tenantId: DEMO_ORGANIZATIONS[0].id },
    orderBy: { serialNumber: "asc" },
  });
  for (const member of MEMBERS) {
    const user = member.address
      ? await db.prisma.user.upsert({
          where: { address: member.address },
          create: { address: member.address },
          update: {},
        })
      : undefined;
    const fields = {
      name: member.name,
      role: member.role,
      area: member.area,
      status: member.status,
      userId: user?.id ?? null,
    };
    const row = await db.prisma.communityMember.upsert({
      where: { communityId_key: { communityId, key: member.key } },
      create: { tenantId: organizationId, communityId, key: member.key, ...fields },
      update: fields,
    });
    const existing = await db.prisma.deliveryPoint.findFirst({ where: { memberId: row.id, code: pod(member) } });
    if (!existing) {
      await db.prisma.deliveryPoint.create({
        data: {
          tenantId: organizationId,
          communityId,
          memberId: row.id,
          code: pod(member),
          type: member.pvKwp ? "EXCHANGE" : "WITHDRAWAL",
          tariff: member.role === "CONSUMER" && member.loadKw > 2 ? "BTA6" : "D2",
          address: { city: "Torino", countryCode: "IT" },
        },
      });
    }
    const assets: Array<Omit<Prisma.EnergyAssetUncheckedCreateInput, "tenantId" | "communityId" | "ownerId">> = [
      {
        key: `grid-${member.key}`,
        type: "METER",
        name: `Grid meter ${member.name}`,
        sensorId: `SENS-${member.pod}`,
        properties: { meterType: "GRID", pod: pod(member), direction: "BIDIRECTIONAL" },
        device: { manufacturer: "Kaifa", model: "MA120", type: "saref:Meter" },
      },
    ];
    if (member.pvKwp) {
      assets.push(
        {
          key: `pv-${member.key}`,
          type: "PV",
          name: `PV ${member.name}`,
          properties: { capacityKwp: member.pvKwp, tiltDeg: 30, orientationDeg: 180 },
          device: { manufacturer: "SunPower", model: "Maxeon 6" },
        },
        {
          key: `pv-meter-${member.key}`,
          type: "METER",
          name: `Production meter ${member.name}`,
          properties: { meterType: "PRODUCTION", pod: pod(member), direction: "EXPORT" },
          relationships: { measures: [`pv-${member.key}`] },
        },
      );
    }
    if (member.key === "M-000001") {
      assets.push({
        key: "battery-rossi",
        type: "STORAGE",
        name: "Home battery",
        properties: { capacityKwh: 10, maxPowerKw: 5, chemistry: "LFP" },
        relationships: { pairedWith: `pv-${member.key}` },
        passportId: passport?.id ?? null,
      });
    }
    for (const asset of assets) {
      await db.prisma.energyAsset.upsert({
        where: { communityId_key: { communityId, key: asset.key } },
        create: { ...asset, tenantId: organizationId, communityId, ownerId: row.id },
        update: { ...asset, deletedAt: null },
      });
    }
  }
  const readings = getDemoReadings(now);
  for (let index = 0; index < readings.length; index += 10_000) {
    await ingestMeterReadings(db, {
      tenantId: organizationId,
      communityId,
      readings: readings.slice(index, index + 10_000),
    });
  }
}
