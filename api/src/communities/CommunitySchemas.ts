import { z } from "@hono/zod-openapi";
import { CommunityMemberRole, CommunityMemberStatus } from "../../generated/prisma/enums.ts";
import { isValidTimeZone } from "../service-centres/getAvailability.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";

export const CommunityParamsSchema = OrganizationParamsSchema.extend({ communityId: z.string().uuid() });
export const CommunityMemberParamsSchema = CommunityParamsSchema.extend({ memberId: z.string().uuid() });
export const AreaParamsSchema = CommunityParamsSchema.extend({
  areaKey: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
});

/** A key chosen by people: lower-case letters, digits, `_` and `-`, as the source's `example_rec`. */
export const KeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "a key: lower-case letters, digits, _ and -, at most 64 characters");

/** Free JSON kept as given (the source's `extra`), bounded so it cannot grow without end. */
export const ExtraSchema = z
  .record(z.string().max(100), z.unknown())
  .refine((value) => JSON.stringify(value).length <= 16_000, "at most 16,000 characters of JSON")
  .openapi({ example: { type: "schema:Organization" } });

const text = (max: number) => z.string().trim().min(1).max(max);

export const TopologyNodeTypeSchema = z
  .enum(["PRIMARY_SUBSTATION", "SECONDARY_SUBSTATION", "FEEDER", "TRANSFORMER", "BUSBAR", "DELIVERY_POINT", "OTHER"])
  .openapi("TopologyNodeType");

export type TopologyNode = {
  id: string;
  type: z.infer<typeof TopologyNodeTypeSchema>;
  name: string;
  operator?: string | null;
  children: TopologyNode[];
};

export const TopologyNodeSchema: z.ZodType<TopologyNode> = z
  .lazy(() =>
    z.object({
      id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, "a node id: letters, digits, _ . : -"),
      type: TopologyNodeTypeSchema,
      name: text(200),
      operator: z.string().trim().max(200).nullable().optional(),
      children: z.array(TopologyNodeSchema).max(1000).default([]),
    }),
  )
  .openapi("TopologyNode");

const MAX_TOPOLOGY_DEPTH = 8;
const MAX_TOPOLOGY_NODES = 10_000;

/** Every node id of a topology tree; the tree is refused if an id repeats or it is too deep. */
export function listTopologyNodeIds(roots: TopologyNode[]): { ids: Set<string>; problem?: string } {
  const ids = new Set<string>();
  const stack = roots.map((node) => ({ node, depth: 1 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_TOPOLOGY_DEPTH) return { ids, problem: `the tree is deeper than ${MAX_TOPOLOGY_DEPTH} levels` };
    if (ids.has(node.id)) return { ids, problem: `node id ${node.id} appears twice` };
    ids.add(node.id);
    if (ids.size > MAX_TOPOLOGY_NODES) return { ids, problem: `more than ${MAX_TOPOLOGY_NODES} nodes` };
    for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
  return { ids };
}

export const TopologySchema = z
  .array(TopologyNodeSchema)
  .max(100)
  .superRefine((roots, context) => {
    const { problem } = listTopologyNodeIds(roots);
    if (problem) context.addIssue({ code: "custom", message: problem });
  })
  .openapi("Topology", {
    example: [
      {
        id: "PS-1",
        type: "PRIMARY_SUBSTATION",
        name: "Cabina primaria Nord",
        operator: "e-distribuzione",
        children: [{ id: "SS-11", type: "SECONDARY_SUBSTATION", name: "Via Roma", children: [] }],
      },
    ],
  });

export const LocationSchema = z
  .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
  .openapi("Location", { example: { lat: 45.07, lon: 7.69 } });

export const AreaSchema = z
  .object({
    key: KeySchema,
    name: text(200),
    topology: z.array(z.string().max(64)).max(1000).default([]).openapi({ description: "Ids of topology nodes" }),
    location: LocationSchema.nullable().optional(),
    /** A closed ring of [lon, lat] positions (GeoJSON Polygon's outer ring). */
    boundary: z
      .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
      .min(4)
      .max(1000)
      .nullable()
      .optional(),
  })
  .openapi("CommunityArea", {
    example: { key: "cp-nord", name: "Cabina primaria Nord", topology: ["PS-1"], location: { lat: 45.07, lon: 7.69 } },
  });
export type Area = z.infer<typeof AreaSchema>;

export const LegalSchema = z
  .object({
    name: z.string().trim().max(200).nullable().optional(),
    vat: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, "a VAT id: country prefix and 2-13 characters")
      .nullable()
      .optional(),
    legalForm: z.string().trim().max(100).nullable().optional(),
  })
  .openapi("CommunityLegal");

export const LinksSchema = z
  .object({
    website: z.string().url().max(2000).nullable().optional(),
    logo: z.string().url().max(2000).nullable().optional(),
    privacyPolicy: z.string().url().max(2000).nullable().optional(),
    terms: z.string().url().max(2000).nullable().optional(),
  })
  .openapi("CommunityLinks");

export const ContactSchema = z
  .object({
    email: z.string().email().max(320).nullable().optional(),
    pec: z.string().email().max(320).nullable().optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{5,30}$/, "a phone number")
      .nullable()
      .optional(),
  })
  .openapi("CommunityContact");

export const SettingsSchema = z
  .object({
    timezone: z.string().max(64).refine(isValidTimeZone, "an IANA time zone").optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "an ISO 4217 currency code")
      .optional(),
    incentivePerMwh: z
      .number()
      .min(0)
      .max(10_000)
      .optional()
      .openapi({ description: "Incentive per MWh of shared energy, in the community's currency" }),
  })
  .openapi("CommunitySettings");

const checkAreasAgainstTopology = (input: { areas?: Area[]; topology?: TopologyNode[] }, context: z.RefinementCtx) => {
  if (!input.areas) return;
  const keys = new Set<string>();
  for (const [index, area] of input.areas.entries()) {
    if (keys.has(area.key)) context.addIssue({ code: "custom", path: ["areas", index, "key"], message: "repeated" });
    keys.add(area.key);
  }
  if (!input.topology) return;
  const { ids } = listTopologyNodeIds(input.topology);
  for (const [index, area] of input.areas.entries()) {
    for (const node of area.topology) {
      if (!ids.has(node)) {
        context.addIssue({ code: "custom", path: ["areas", index, "topology"], message: `no topology node ${node}` });
      }
    }
  }
};

export const CreateCommunitySchema = z
  .object({
    key: KeySchema,
    name: text(200),
    description: z.string().trim().max(4000).nullable().optional(),
    areas: z.array(AreaSchema).max(200).default([]),
    topology: TopologySchema.default([]),
    legal: LegalSchema.default({}),
    links: LinksSchema.default({}),
    contact: ContactSchema.default({}),
    settings: SettingsSchema.default({}),
    extra: ExtraSchema.default({}),
  })
  .superRefine(checkAreasAgainstTopology)
  .openapi("CreateCommunity", {
    example: {
      key: "example_rec",
      name: "CER Borgo Solare",
      areas: [{ key: "cp-nord", name: "Cabina primaria Nord", topology: [] }],
      settings: { timezone: "Europe/Rome", currency: "EUR", incentivePerMwh: 110 },
    },
  });

/**
 * A partial update: what the request does not name stays as it is; in the profile objects (legal,
 * links, contact, settings, extra) only the keys named change, and a key set to null is removed.
 * Areas change one by one (PUT/PATCH/DELETE …/areas/{areaKey}); topology is replaced whole.
 */
export const UpdateCommunitySchema = z
  .object({
    name: text(200).optional(),
    description: z.string().trim().max(4000).nullable().optional(),
    topology: TopologySchema.optional(),
    legal: LegalSchema.optional(),
    links: LinksSchema.optional(),
    contact: ContactSchema.optional(),
    settings: SettingsSchema.optional(),
    extra: z.record(z.string().max(100), z.unknown()).optional(),
  })
  .openapi("UpdateCommunity", { example: { description: "Twelve households and a school roof" } });

export const CommunitySchema = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string().uuid(),
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    areas: z.array(AreaSchema),
    topology: z.array(TopologyNodeSchema),
    legal: z.record(z.string(), z.unknown()),
    links: z.record(z.string(), z.unknown()),
    contact: z.record(z.string(), z.unknown()),
    settings: z.record(z.string(), z.unknown()),
    extra: z.record(z.string(), z.unknown()),
    memberCount: z.number().int(),
    you: z
      .object({
        access: z.enum(["OPERATOR", "MEMBER"]),
        canWrite: z.boolean(),
        canAdminister: z.boolean(),
        memberId: z.string().uuid().nullable(),
      })
      .openapi({ description: "What the signed-in user may do here" }),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
  })
  .openapi("Community");

export const UpdateAreaSchema = z
  .object({
    key: KeySchema.optional().openapi({ description: "A new key: the area's members move with it" }),
    name: text(200).optional(),
    topology: z.array(z.string().max(64)).max(1000).optional(),
    location: LocationSchema.nullable().optional(),
    boundary: AreaSchema.shape.boundary,
  })
  .openapi("UpdateCommunityArea", { example: { name: "Cabina primaria Nord (CP 112)" } });

export const CommunityMemberRoleSchema = z.enum(CommunityMemberRole).openapi("CommunityMemberRole");
export const CommunityMemberStatusSchema = z.enum(CommunityMemberStatus).openapi("CommunityMemberStatus");

export const CreateCommunityMemberSchema = z
  .object({
    name: text(200),
    role: CommunityMemberRoleSchema,
    area: KeySchema.nullable().optional(),
    address: z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/, "a wallet address: 0x and 40 hex digits")
      .transform((value) => value.toLowerCase())
      .optional()
      .openapi({ description: "The member's wallet; they sign in with it to see their own data" }),
    externalUserId: z.string().trim().min(1).max(200).optional().openapi({ description: "Identity-provider id" }),
    extra: ExtraSchema.default({}),
  })
  .openapi("CreateCommunityMember", {
    example: { name: "Famiglia Rossi", role: "PROSUMER", area: "cp-nord" },
  });

/** What a member may change of their own profile; operators may change the rest too. */
export const UpdateCommunityMemberSchema = z
  .object({
    name: text(200).optional(),
    role: CommunityMemberRoleSchema.optional(),
    area: KeySchema.nullable().optional(),
    extra: z.record(z.string().max(100), z.unknown()).optional(),
  })
  .openapi("UpdateCommunityMember", { example: { name: "Famiglia Rossi-Bianchi" } });

export const ChangeMemberStatusSchema = z
  .object({ status: CommunityMemberStatusSchema })
  .openapi("ChangeCommunityMemberStatus", { example: { status: "ACTIVE" } });

export const CommunityMemberSchema = z
  .object({
    id: z.string().uuid(),
    communityId: z.string().uuid(),
    key: z.string(),
    name: z.string(),
    role: CommunityMemberRoleSchema,
    area: z.string().nullable(),
    status: CommunityMemberStatusSchema,
    address: z.string().nullable(),
    externalUserId: z.string().nullable(),
    extra: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("CommunityMember");

export const CommunityMembershipSchema = z
  .object({
    organizationId: z.string().uuid(),
    communityId: z.string().uuid(),
    communityName: z.string(),
    memberId: z.string().uuid(),
    memberKey: z.string(),
    role: CommunityMemberRoleSchema,
    status: CommunityMemberStatusSchema,
  })
  .openapi("CommunityMembership");
