import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";
import { convertBatteryPassValue } from "./convertBatteryPassValue.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

describe("conversions to the schema's units and spellings", () => {
  const context = (values: Record<string, number> = {}, time: Date | null = null) => ({
    publicId: "Ab-_9xyz12345678901234",
    time,
    findValue: (key: string) => values[key] ?? null,
  });

  it("turns a lifecycle stage's share of the footprint into kgCO2e/kWh", () => {
    expect(convertBatteryPassValue("carbonFootprintShare", 61, context({ "cf.kg_co2e_per_kwh": 68.4 }))).toBe(41.724);
  });

  it("leaves a stage out when the total footprint is unknown", () => {
    expect(convertBatteryPassValue("carbonFootprintShare", 61, context())).toBeUndefined();
  });

  it("turns remaining capacity from Ah into kWh at the nominal voltage", () => {
    expect(convertBatteryPassValue("ampereHoursToKilowattHours", 14.1, context({ "perf.nominal_voltage_v": 36 }))).toBe(
      0.5076,
    );
  });

  it("spells months, statuses and categories as the schema does", () => {
    expect(convertBatteryPassValue("monthToDateTime", "2025-03", context())).toBe("2025-03-01T00:00:00Z");
    expect(convertBatteryPassValue("monthToGMonth", "2029-12", context())).toBe("--12");
    expect(convertBatteryPassValue("batteryStatus", "REMANUFACTURED", context())).toBe("Remanufactured");
    expect(convertBatteryPassValue("batteryCategory", "LMT", context())).toBe("lmt");
  });

  it("makes a passport URN the schema's pattern accepts, and reversible", () => {
    const urn = convertBatteryPassValue("passportUrn", "Ab-_9xyz12345678901234", context());
    expect(urn).toMatch(/^urn:[a-z0-9]+:[a-z0-9]+$/);
    expect(Buffer.from(String(urn).split(":")[2]!, "hex").toString()).toBe("Ab-_9xyz12345678901234");
  });

  it("leaves out text where the schema wants a URI, rather than invent one", () => {
    expect(convertBatteryPassValue("uri", "IEC 62660-1 cycle test", context())).toBeUndefined();
    expect(convertBatteryPassValue("uri", "https://example.org/test.pdf", context())).toBe(
      "https://example.org/test.pdf",
    );
  });

  it("gives list items their own lastUpdate, the event's time where it has one", () => {
    const time = new Date("2026-02-01T10:00:00Z");
    expect(
      convertBatteryPassValue(
        "timedItems",
        [{ negativeEvent: "drop", occurredAt: "2026-01-05T08:00:00Z" }, { negativeEvent: "flood" }],
        context({}, time),
      ),
    ).toEqual([
      { negativeEvent: "drop", lastUpdate: "2026-01-05T08:00:00Z" },
      { negativeEvent: "flood", lastUpdate: "2026-02-01T10:00:00.000Z" },
    ]);
  });
});

describe("GET /passports/{publicId}/battery-pass and the organization's JSON Lines", () => {
  let maker: SignedInMember;
  let org: string;
  let publicId: string;
  let apiKey: string;

  beforeAll(async () => {
    maker = await signInMember(app, db, "MANUFACTURER");
    org = `/organizations/${maker.organizationId}`;
    const model = (await (
      await maker.request(`${org}/models`, {
        method: "POST",
        body: {
          modelCode: "BP-1",
          name: "Battery Pass",
          batteryCategory: "LMT",
          referenceCode: "LMT-VOL-36V-508",
          attributes: [
            { key: "cf.kg_co2e_per_kwh", value: 68.4 },
            { key: "cf.share_raw_material_pct", value: 61 },
            {
              key: "circ.dismantling_manual",
              value: [
                {
                  documentType: "DismantlingManual",
                  mimeType: "application/pdf",
                  documentURL: "https://example.org/d.pdf",
                },
              ],
            },
          ],
        },
      })
    ).json()) as { id: string };
    ({ publicId } = (await (
      await maker.request(`${org}/passports`, {
        method: "POST",
        body: { modelId: model.id, serialNumber: "BP-SN-1", productionDate: "2026-01-15" },
      })
    ).json()) as { publicId: string });
    await maker.request(`${org}/passports`, { method: "POST", body: { modelId: model.id, serialNumber: "BP-SN-2" } });
    apiKey = (
      (await (
        await maker.request(`${org}/api-keys`, {
          method: "POST",
          body: { name: "gw", scopes: ["read", "readings:write"] },
        })
      ).json()) as {
        key: string;
      }
    ).key;
    const measuredAt = "2026-02-03T04:05:06.000Z";
    const ingested = await app.request("/api/v1/readings", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${apiKey}`,
        "idempotency-key": "battery-pass-1",
      },
      body: JSON.stringify({
        readings: [{ publicId, measuredAt, cycleCount: 42, stateOfChargePct: 77, remainingCapacityAh: 13 }],
      }),
    });
    expect(ingested.status).toBe(201);
  });

  type Export = Record<string, Record<string, unknown>> & {
    passport: { readerAccess: string; schemas: Record<string, string> };
  };
  const read = async (reader?: SignedInMember) => {
    const path = `/passports/${publicId}/battery-pass`;
    const response = reader ? await reader.request(path) : await app.request(`/api/v1${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Export;
  };

  it("answers the seven sub-models under stable keys, naming each schema", async () => {
    const exported = await read(maker);
    expect(Object.keys(exported).sort()).toEqual(
      [
        "carbonFootprint",
        "circularity",
        "generalProductInformation",
        "labeling",
        "materialComposition",
        "passport",
        "performanceAndDurability",
        "supplyChainDueDiligence",
      ].sort(),
    );
    expect(exported.passport.schemas.performanceAndDurability).toBe("PerformanceAndDurability@1.2.1");
  });

  it("puts values at the schema's paths, converted", async () => {
    const exported = await read(maker);
    expect(exported.generalProductInformation).toMatchObject({
      productIdentifier: "BP-SN-1",
      batteryCategory: "lmt",
      batteryStatus: "Original",
      manufacturingDate: "2026-01-01T00:00:00Z",
    });
    expect(exported.carbonFootprint).toMatchObject({
      batteryCarbonFootprint: 68.4,
      carbonFootprintPerLifecycleStage: [{ lifecycleStage: "RawMaterialExtraction", carbonFootprint: 41.724 }],
    });
    expect(exported.materialComposition?.batteryChemistry).toEqual({
      shortName: "NMC 811",
      clearName: "Lithium nickel manganese cobalt oxide",
    });
    expect(exported.performanceAndDurability?.batteryTechicalProperties).toMatchObject({
      temperatureRangeIdleState: { minimum: -20, maximum: 45 },
      originalPowerCapability: [{ atSoC: 80, powerCapabilityAt: 720 }],
    });
  });

  it("exports a reading-fed value with the time it was measured as lastUpdate", async () => {
    const condition = (await read(maker)).performanceAndDurability?.batteryCondition as Record<string, unknown>;
    expect(condition.numberOfFullCycles).toEqual({
      numberOfFullCyclesValue: 42,
      lastUpdate: "2026-02-03T04:05:06.000Z",
    });
    expect(condition.stateOfCharge).toEqual({ stateOfChargeValue: 77, lastUpdate: "2026-02-03T04:05:06.000Z" });
    // 13 Ah at the reference pack's nominal 36 V.
    expect(condition.remainingCapacity).toEqual({
      remainingCapacityValue: 0.468,
      lastUpdate: "2026-02-03T04:05:06.000Z",
    });
  });

  it("takes a unit's own fade values with the time they were written, its model's otherwise", async () => {
    const modelId = (await db.prisma.passport.findUniqueOrThrow({ where: { publicId } })).modelId;
    const passportId = (await db.prisma.passport.findUniqueOrThrow({ where: { publicId } })).id;
    const model = await maker.request(`${org}/models/${modelId}/attributes`, {
      method: "PATCH",
      body: { values: [{ key: "perf.capacity_fade_pct", value: 2 }] },
    });
    expect(model.status).toBe(200);
    const unit = await maker.request(`${org}/passports/${passportId}/attributes`, {
      method: "PATCH",
      body: {
        values: [
          { key: "perf.capacity_fade_pct", value: 7.5 },
          {
            key: "perf.internal_resistance_increase_pct",
            value: [{ batteryComponent: "pack", internalResistanceIncreaseValue: 12 }],
          },
        ],
      },
    });
    expect(unit.status).toBe(200);
    const written = await db.prisma.attributeValue.findFirstOrThrow({
      where: { passportId, attribute: { key: "perf.capacity_fade_pct" } },
    });
    const condition = (await read(maker)).performanceAndDurability?.batteryCondition as Record<string, unknown>;
    expect(condition.capacityFade).toEqual({ capacityFadeValue: 7.5, lastUpdate: written.updatedAt.toISOString() });
    expect(condition.internalResistanceIncrease).toEqual([
      { batteryComponent: "pack", internalResistanceIncreaseValue: 12, lastUpdate: expect.any(String) },
    ]);
    const lines = await (
      await app.request(`/api/v1${org}/battery-pass`, { headers: { authorization: `Bearer ${apiKey}` } })
    ).text();
    const sibling = lines
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Export)
      .find((line) => line.generalProductInformation?.productIdentifier === "BP-SN-2");
    const siblingCondition = sibling?.performanceAndDurability?.batteryCondition as Record<string, unknown>;
    expect((siblingCondition.capacityFade as { capacityFadeValue: number }).capacityFadeValue).toBe(2);
  });

  it("gives an anonymous reader the public attributes only", async () => {
    const exported = await read();
    expect(exported.passport.readerAccess).toBe("PUBLIC");
    expect(exported.performanceAndDurability?.batteryCondition).toBeUndefined();
    expect(exported.circularity?.dismantlingAndRemovalInformation).toBeUndefined();
    expect(exported.generalProductInformation?.batteryStatus).toBeUndefined();
    expect(exported.generalProductInformation?.productIdentifier).toBe("BP-SN-1");
  });

  it("gives a recycler the legitimate-interest attributes but not the authority's", async () => {
    const recycler = await signInMember(app, db, "RECYCLER");
    const exported = await read(recycler);
    expect(exported.passport.readerAccess).toBe("LEGITIMATE_INTEREST");
    expect(exported.circularity?.dismantlingAndRemovalInformation).toHaveLength(1);
    expect(exported.labeling?.resultOfTestReport).toBeUndefined();
  });

  it("logs every restricted read in the issuer's audit log, and no public one", async () => {
    const passportId = (await db.prisma.passport.findUniqueOrThrow({ where: { publicId } })).id;
    const reads = () =>
      db.prisma.auditLogEntry.findMany({
        where: { tenantId: maker.organizationId, action: "battery_pass.restricted_read", subjectId: passportId },
      });
    const before = (await reads()).length;
    await read();
    expect((await reads()).length).toBe(before);
    const recycler = await signInMember(app, db, "RECYCLER");
    await read(recycler);
    const after = await reads();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.details).toMatchObject({
      readerAccess: "LEGITIMATE_INTEREST",
      readerOrganizationIds: [recycler.organizationId],
    });
  });

  it("answers an unknown passport with 404 problem+json", async () => {
    const response = await app.request("/api/v1/passports/unknown-passport-id-000/battery-pass");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });

  it("streams every passport of the organization as JSON Lines", async () => {
    const response = await app.request(`/api/v1${org}/battery-pass`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Export);
    expect(lines.map((line) => line.generalProductInformation?.productIdentifier).sort()).toEqual([
      "BP-SN-1",
      "BP-SN-2",
    ]);
    expect(lines.every((line) => line.passport.readerAccess === "FULL")).toBe(true);
    const logged = await db.prisma.auditLogEntry.count({
      where: { tenantId: maker.organizationId, action: "battery_pass.bulk_export" },
    });
    expect(logged).toBeGreaterThan(0);
  });

  it("refuses the bulk export to another organization with 403", async () => {
    const other = await signInMember(app, db, "MANUFACTURER");
    const response = await other.request(`${org}/battery-pass`);
    expect(response.status).toBe(403);
  });
});
