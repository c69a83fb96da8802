import { z } from "@hono/zod-openapi";
import {
  AreaSchema,
  CommunityMemberRoleSchema,
  CommunityMemberStatusSchema,
  ContactSchema,
  ExtraSchema,
  KeySchema,
  LegalSchema,
  LinksSchema,
  SettingsSchema,
  TopologySchema,
} from "./CommunitySchemas.ts";
import { CreateDeliveryPointSchema } from "./DeliveryPointSchemas.ts";
import { ASSET_PROPERTIES, DeviceSchema, EnergyAssetTypeSchema, RelationshipsSchema } from "./EnergyAssetSchemas.ts";

export const BUNDLE_SCHEMA = "a360.community.v1";

const BundleMemberSchema = z.object({
  key: z.string().regex(/^M-\d{6}$/, "a member key the community minted: M-000001"),
  name: z.string().trim().min(1).max(200),
  role: CommunityMemberRoleSchema,
  area: KeySchema.nullable().optional(),
  status: CommunityMemberStatusSchema.default("PENDING"),
  address: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/)
    .transform((value) => value.toLowerCase())
    .nullable()
    .optional(),
  externalUserId: z.string().trim().min(1).max(200).nullable().optional(),
  extra: ExtraSchema.default({}),
  deliveryPoints: z.array(CreateDeliveryPointSchema).max(100).default([]),
});

const BundleAssetSchema = z
  .object({
    key: KeySchema,
    type: EnergyAssetTypeSchema,
    name: z.string().trim().min(1).max(200),
    owner: z.string().regex(/^M-\d{6}$/),
    sensorId: z.string().trim().min(1).max(100).nullable().optional(),
    properties: z.record(z.string().max(100), z.unknown()),
    device: DeviceSchema.default({}),
    relationships: RelationshipsSchema.default({}),
    extra: ExtraSchema.default({}),
    passportPublicId: z.string().min(1).max(64).nullable().optional(),
  })
  .superRefine((asset, context) => {
    const checked = ASSET_PROPERTIES[asset.type].safeParse(asset.properties);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        context.addIssue({ code: "custom", path: ["properties", ...issue.path.map(String)], message: issue.message });
      }
    }
  });

/** A whole community as one document (JSON or YAML): its profile, members with their delivery points, assets. */
export const CommunityBundleSchema = z
  .object({
    schema: z.literal(BUNDLE_SCHEMA),
    community: z.object({
      key: KeySchema,
      name: z.string().trim().min(1).max(200),
      description: z.string().trim().max(4000).nullable().optional(),
      areas: z.array(AreaSchema).max(200).default([]),
      topology: TopologySchema.default([]),
      legal: LegalSchema.default({}),
      links: LinksSchema.default({}),
      contact: ContactSchema.default({}),
      settings: SettingsSchema.default({}),
      extra: ExtraSchema.default({}),
    }),
    members: z.array(BundleMemberSchema).max(10_000),
    assets: z.array(BundleAssetSchema).max(50_000),
  })
  .superRefine((bundle, context) => {
    const areaKeys = new Set(bundle.community.areas.map((area) => area.key));
    const memberKeys = new Map<string, Set<string>>();
    for (const [index, member] of bundle.members.entries()) {
      if (memberKeys.has(member.key))
        context.addIssue({ code: "custom", path: ["members", index, "key"], message: "repeated" });
      memberKeys.set(
        member.key,
        new Set(member.deliveryPoints.filter((point) => point.active).map((point) => point.code)),
      );
      if (member.area && !areaKeys.has(member.area)) {
        context.addIssue({ code: "custom", path: ["members", index, "area"], message: `no area ${member.area}` });
      }
    }
    const assetKeys = new Set(bundle.assets.map((asset) => asset.key));
    const seen = new Set<string>();
    for (const [index, asset] of bundle.assets.entries()) {
      if (seen.has(asset.key))
        context.addIssue({ code: "custom", path: ["assets", index, "key"], message: "repeated" });
      seen.add(asset.key);
      const points = memberKeys.get(asset.owner);
      if (!points)
        context.addIssue({ code: "custom", path: ["assets", index, "owner"], message: `no member ${asset.owner}` });
      const named = [
        ...(asset.relationships.measures ?? []),
        ...(asset.relationships.pairedWith ? [asset.relationships.pairedWith] : []),
      ];
      for (const key of named) {
        if (!assetKeys.has(key) || key === asset.key) {
          context.addIssue({ code: "custom", path: ["assets", index, "relationships"], message: `no asset ${key}` });
        }
      }
      if ((asset.relationships.measures ?? []).length > 0 && asset.type !== "METER") {
        context.addIssue({
          code: "custom",
          path: ["assets", index, "relationships", "measures"],
          message: "only a meter measures",
        });
      }
      if (asset.type === "METER" && points && !points.has(String(asset.properties.pod))) {
        context.addIssue({
          code: "custom",
          path: ["assets", index, "properties", "pod"],
          message: "not an active delivery point of the owner",
        });
      }
      if (asset.passportPublicId && asset.type !== "STORAGE") {
        context.addIssue({
          code: "custom",
          path: ["assets", index, "passportPublicId"],
          message: "only storage links a passport",
        });
      }
    }
  })
  .openapi("CommunityBundle", {
    example: {
      schema: BUNDLE_SCHEMA,
      community: {
        key: "example_rec",
        name: "CER Borgo Solare",
        areas: [{ key: "cp-nord", name: "CP Nord", topology: [] }],
      },
      members: [
        {
          key: "M-000001",
          name: "Famiglia Rossi",
          role: "PROSUMER",
          area: "cp-nord",
          status: "ACTIVE",
          deliveryPoints: [{ code: "IT001E12345678", type: "EXCHANGE", active: true }],
        },
      ],
      assets: [
        { key: "pv-rossi", type: "PV", name: "Rossi rooftop", owner: "M-000001", properties: { capacityKwp: 6 } },
      ],
    },
  });
export type CommunityBundle = z.infer<typeof CommunityBundleSchema>;

export const BundleChangesSchema = z
  .object({
    dryRun: z.boolean(),
    members: z.object({ create: z.array(z.string()), update: z.array(z.string()), delete: z.array(z.string()) }),
    deliveryPoints: z.object({ create: z.array(z.string()), update: z.array(z.string()), delete: z.array(z.string()) }),
    assets: z.object({ create: z.array(z.string()), update: z.array(z.string()), delete: z.array(z.string()) }),
  })
  .openapi("CommunityBundleChanges");
export type BundleChanges = z.infer<typeof BundleChangesSchema>;
