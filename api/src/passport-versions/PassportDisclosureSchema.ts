import { z } from "@hono/zod-openapi";

const Hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
const JsonValue = z.unknown().openapi({ description: "The entry's value in canonical JSON types" });

export const DisclosedEntrySchema = z
  .object({
    key: z.string(),
    value: JsonValue,
    access: z.enum(["public", "legitimate_interest", "authority"]),
    salt: Hex.openapi({ description: "Zero for public entries; random for the others" }),
    proof: z.array(Hex),
    name: z.string().nullable().openapi({ description: "Catalogue name (display only, not proven)" }),
    category: z.string().nullable().openapi({ description: "Catalogue category (display only, not proven)" }),
    unit: z.string().nullable(),
  })
  .openapi("DisclosedPassportEntry");

export const PassportDisclosureSchema = z
  .object({
    schema: z.literal("a360.passport-disclosure.v2"),
    publicId: z.string(),
    organizationId: Hex.openapi({
      description: "The issuing organization's id on chain; a verifier holds it to the anchoring batch's organisation",
    }),
    passportId: Hex.openapi({
      description: "keccak256(abi.encode(organizationId, keccak256(publicId))): the passport's id on chain",
    }),
    version: z.number().int(),
    passportRoot: Hex.openapi({ description: "The version's hash: root of its entry tree" }),
    previousRoot: Hex.nullable(),
    readerAccess: z.enum(["PUBLIC", "LEGITIMATE_INTEREST", "FULL"]),
    status: z.enum(["anchored", "not_anchored", "changed_since_anchoring", "revoked", "superseded"]).openapi({
      description: "The api's own reading; verify against the chain (the web page /p/{publicId} and `pnpm verify` do)",
    }),
    entries: z.array(DisclosedEntrySchema),
    anchor: z
      .object({
        chainId: z.number().int(),
        registry: Hex,
        batchRoot: Hex,
        batchProof: z.array(Hex),
        blockNumber: z.string().nullable(),
        transactionHash: Hex.nullable(),
        logIndex: z.number().int().nullable(),
      })
      .nullable(),
    anchoredAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    blockHash: z.string().nullable(),
    currentVersion: z.number().int(),
    supersededBy: z
      .object({ version: z.number().int(), passportRoot: Hex, batchRoot: Hex, batchProof: z.array(Hex) })
      .nullable(),
    links: z.object({ page: z.string(), qrSvg: z.string(), qrPng: z.string() }),
  })
  .openapi("PassportDisclosure");
