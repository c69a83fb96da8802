import { z } from "@hono/zod-openapi";
import { EnergyAssetType } from "../../generated/prisma/enums.ts";
import { CommunityParamsSchema, ExtraSchema, KeySchema } from "./CommunitySchemas.ts";
import { DeliveryPointCodeSchema } from "./DeliveryPointSchemas.ts";

export const EnergyAssetParamsSchema = CommunityParamsSchema.extend({ assetId: z.string().uuid() });
export const EnergyAssetTypeSchema = z.enum(EnergyAssetType).openapi("EnergyAssetType");

const kw = (max: number) => z.number().positive().max(max);

/** Type-specific properties (the source's JSONB conventions), checked per asset type. */
export const ASSET_PROPERTIES = {
  PV: z
    .object({
      capacityKwp: kw(100_000),
      orientationDeg: z.number().min(0).max(360).optional(),
      tiltDeg: z.number().min(0).max(90).optional(),
      installationDate: z.string().date().optional(),
    })
    .strict()
    .openapi("PvProperties"),
  STORAGE: z
    .object({
      capacityKwh: kw(1_000_000),
      maxPowerKw: kw(100_000).optional(),
      chemistry: z.enum(["LFP", "NMC", "NCA", "LTO", "LEAD_ACID", "SODIUM_ION", "FLOW", "OTHER"]),
    })
    .strict()
    .openapi("StorageProperties"),
  METER: z
    .object({
      meterType: z.enum(["GRID", "PRODUCTION", "CONSUMPTION"]).openapi({
        description:
          "GRID: at the delivery point (IMPORT = drawn from the grid, EXPORT = fed in); PRODUCTION: a generator's output; CONSUMPTION: a load's use",
      }),
      pod: DeliveryPointCodeSchema.openapi({ description: "The owner's delivery point the meter sits at" }),
      direction: z.enum(["IMPORT", "EXPORT", "BIDIRECTIONAL"]),
    })
    .strict()
    .openapi("MeterProperties"),
  EV_CHARGER: z
    .object({
      maxPowerKw: kw(1_000),
      connectorType: z.enum(["TYPE1", "TYPE2", "CCS1", "CCS2", "CHADEMO", "SCHUKO", "OTHER"]),
      numConnectors: z.number().int().min(1).max(64),
      smartCharging: z.boolean().default(false),
    })
    .strict()
    .openapi("EvChargerProperties"),
  HEAT_PUMP: z
    .object({
      thermalPowerKw: kw(10_000),
      cop: z.number().min(1).max(10).optional(),
      heatSource: z.enum(["AIR", "GROUND", "WATER"]),
      reversible: z.boolean().default(false),
    })
    .strict()
    .openapi("HeatPumpProperties"),
  LOAD: z
    .object({
      ratedPowerKw: kw(100_000),
      loadType: z.string().trim().min(1).max(100),
      controllable: z.boolean().default(false),
      priority: z.number().int().min(0).max(10).optional(),
    })
    .strict()
    .openapi("LoadProperties"),
} as const;

export const DeviceSchema = z
  .object({
    manufacturer: z.string().trim().max(200).optional(),
    model: z.string().trim().max(200).optional(),
    serialNumber: z.string().trim().max(100).optional(),
    firmwareVersion: z.string().trim().max(100).optional(),
    type: z.string().trim().max(100).optional().openapi({ description: "e.g. saref:Meter" }),
  })
  .strict()
  .openapi("EnergyDevice");

export const RelationshipsSchema = z
  .object({
    measures: z.array(KeySchema).max(100).optional().openapi({ description: "Keys of the assets a meter measures" }),
    pairedWith: KeySchema.nullable().optional(),
  })
  .strict()
  .openapi("EnergyAssetRelationships");

const assetBase = {
  key: KeySchema,
  name: z.string().trim().min(1).max(200),
  ownerMemberId: z.string().uuid(),
  sensorId: z.string().trim().min(1).max(100).nullable().optional(),
  device: DeviceSchema.default({}),
  relationships: RelationshipsSchema.default({}),
  extra: ExtraSchema.default({}),
};

const asset = <T extends keyof typeof ASSET_PROPERTIES>(type: T) =>
  z.object({ ...assetBase, type: z.literal(type), properties: ASSET_PROPERTIES[type] });

export const CreateEnergyAssetSchema = z
  .discriminatedUnion("type", [
    asset("PV"),
    asset("STORAGE").extend({
      passportPublicId: z
        .string()
        .min(1)
        .max(64)
        .nullable()
        .optional()
        .openapi({ description: "The public id of the battery's A360 passport" }),
    }),
    asset("METER"),
    asset("EV_CHARGER"),
    asset("HEAT_PUMP"),
    asset("LOAD"),
  ])
  .openapi("CreateEnergyAsset", {
    example: {
      key: "pv-rossi",
      type: "PV",
      name: "Rossi rooftop",
      ownerMemberId: "00000000-0000-4000-8000-000000000000",
      properties: { capacityKwp: 6.5, tiltDeg: 30 },
      device: { manufacturer: "SunPower", model: "Maxeon 6" },
    },
  });
export type CreateEnergyAsset = z.infer<typeof CreateEnergyAssetSchema>;

/**
 * A partial update: what it does not name stays. `properties` are merged into the stored ones and
 * the result is checked against the asset's type; the type itself never changes.
 */
export const UpdateEnergyAssetSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    sensorId: z.string().trim().min(1).max(100).nullable().optional(),
    properties: z.record(z.string().max(100), z.unknown()).optional(),
    device: DeviceSchema.partial().optional(),
    relationships: RelationshipsSchema.optional(),
    passportPublicId: z.string().min(1).max(64).nullable().optional(),
    extra: z.record(z.string().max(100), z.unknown()).optional(),
  })
  .openapi("UpdateEnergyAsset", { example: { name: "Rossi rooftop (east)", properties: { tiltDeg: 25 } } });

export const LinkedPassportSchema = z
  .object({
    publicId: z.string(),
    stateOfHealthPct: z.number().nullable().openapi({ description: "From the passport's latest reading" }),
    stateOfHealthAt: z.string().nullable(),
    verification: z
      .enum(["anchored", "not_anchored", "changed_since_anchoring", "revoked", "superseded"])
      .openapi({ description: "The api's reading of the passport's anchoring; verifiers check the chain themselves" }),
  })
  .openapi("LinkedBatteryPassport");

export const EnergyAssetSchema = z
  .object({
    id: z.string().uuid(),
    communityId: z.string().uuid(),
    key: z.string(),
    type: EnergyAssetTypeSchema,
    name: z.string(),
    ownerMemberId: z.string().uuid(),
    sensorId: z.string().nullable(),
    properties: z.record(z.string(), z.unknown()),
    device: z.record(z.string(), z.unknown()),
    relationships: z.record(z.string(), z.unknown()),
    extra: z.record(z.string(), z.unknown()),
    passport: LinkedPassportSchema.nullable().openapi({ description: "Storage only; on GET of one asset" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("EnergyAsset");
