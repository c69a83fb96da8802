import { z } from "@hono/zod-openapi";
import countries from "i18n-iso-countries";
import { MembershipRole, OrganizationKind } from "../../generated/prisma/enums.ts";
import { isValidGln } from "./isValidGln.ts";
import { isValidLei } from "./isValidLei.ts";

export const OrganizationKindSchema = z.enum(OrganizationKind).openapi("OrganizationKind");
export const MembershipRoleSchema = z.enum(MembershipRole).openapi("MembershipRole", {
  description: "ADMIN manages members, keys and the profile; EDITOR writes data; VIEWER reads",
});
export const WalletAddressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "a wallet address: 0x and 40 hex digits")
  .transform((address) => address.toLowerCase());

/** An optional text field: blank means "not set". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value === "" ? null : value));

const upper = (value: string | null | undefined) => (typeof value === "string" ? value.toUpperCase() : value);

export const OrganizationIdentifiersSchema = z
  .object({
    registrationNumber: optionalText(64).openapi({ description: "Company register number", example: "HRB 123456" }),
    vatId: optionalText(15)
      .transform(upper)
      .refine(
        (value) => !value || /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(value),
        "a VAT id: country prefix and 2-13 characters",
      )
      .openapi({ example: "DE123456789" }),
    lei: optionalText(20)
      .transform(upper)
      .refine((value) => !value || isValidLei(value), "an ISO 17442 LEI: 20 characters whose check digits hold")
      .openapi({ example: "5493001KJTIIGC8Y1R12" }),
    eori: optionalText(17)
      .transform(upper)
      .refine(
        (value) => !value || /^[A-Z]{2}[0-9A-Z]{1,15}$/.test(value),
        "an EORI: country prefix and up to 15 characters",
      )
      .openapi({ example: "DE1234567890123" }),
    gln: optionalText(13)
      .refine((value) => !value || isValidGln(value), "a GS1 GLN: 13 digits whose check digit holds")
      .openapi({ example: "4000001000005" }),
  })
  .openapi("OrganizationIdentifiers");

export const PostalAddressSchema = z
  .object({
    street: optionalText(200).openapi({ example: "Voltastraße 12" }),
    postalCode: optionalText(16).openapi({ example: "70173" }),
    city: optionalText(100).openapi({ example: "Stuttgart" }),
    countryCode: optionalText(2)
      .transform(upper)
      .refine(
        (value) => !value || (value.length === 2 && countries.isValid(value)),
        "an ISO 3166-1 alpha-2 country code",
      )
      .openapi({ example: "DE" }),
  })
  .openapi("PostalAddress");

const NameSchema = z.string().trim().min(1).max(200);

export const CreateOrganizationSchema = z
  .object({
    name: NameSchema,
    kind: OrganizationKindSchema,
    legalName: optionalText(200),
    identifiers: OrganizationIdentifiersSchema.optional(),
    address: PostalAddressSchema.optional(),
  })
  .openapi("CreateOrganization", {
    example: { name: "Volta Cells", kind: "MANUFACTURER", legalName: "Volta Cells GmbH" },
  });

export const UpdateOrganizationSchema = z
  .object({
    name: NameSchema.optional(),
    legalName: optionalText(200),
    identifiers: OrganizationIdentifiersSchema.partial().optional(),
    address: PostalAddressSchema.partial().optional(),
  })
  .openapi("UpdateOrganization", {
    example: { legalName: "Volta Cells GmbH", address: { city: "Stuttgart", countryCode: "DE" } },
  });

export const OrganizationPermissionsSchema = z
  .object({
    canWrite: z.boolean().openapi({ description: "May create and change models, passports and imports" }),
    canAdminister: z.boolean().openapi({ description: "May manage members, invitations, API keys and the profile" }),
    canAnchorPassports: z.boolean().openapi({ description: "May prepare, anchor and revoke passport batches" }),
  })
  .openapi("OrganizationPermissions");

export const OrganizationSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    kind: OrganizationKindSchema,
    legalName: z.string().nullable(),
    identifiers: z.object({
      registrationNumber: z.string().nullable(),
      vatId: z.string().nullable(),
      lei: z.string().nullable(),
      eori: z.string().nullable(),
      gln: z.string().nullable(),
    }),
    address: z.object({
      street: z.string().nullable(),
      postalCode: z.string().nullable(),
      city: z.string().nullable(),
      countryCode: z.string().nullable(),
    }),
    role: MembershipRoleSchema.openapi({ description: "The signed-in user's role here" }),
    permissions: OrganizationPermissionsSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Organization");

export const MemberSchema = z
  .object({
    userId: z.string().uuid(),
    address: z.string().nullable().openapi({ description: "Null for a member signed in with Telegram only" }),
    role: MembershipRoleSchema,
    joinedAt: z.string(),
    isYou: z.boolean(),
  })
  .openapi("Member");

export const InvitationSchema = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string().uuid(),
    organizationName: z.string(),
    organizationKind: OrganizationKindSchema,
    address: z.string(),
    role: MembershipRoleSchema,
    invitedBy: z.string().nullable().openapi({ description: "Wallet address of the admin who invited" }),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi("Invitation");

export const CreateInvitationSchema = z
  .object({ address: WalletAddressSchema, role: MembershipRoleSchema })
  .openapi("CreateInvitation", {
    example: { address: "0x90F79bf6EB2c4f870365E785982E1f101E93b906", role: "EDITOR" },
  });

export const ChangeRoleSchema = z.object({ role: MembershipRoleSchema }).openapi("ChangeMemberRole", {
  example: { role: "VIEWER" },
});
