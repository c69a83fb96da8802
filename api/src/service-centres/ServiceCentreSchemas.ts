import { z } from "@hono/zod-openapi";

export const CentreParamsSchema = z.object({
  organizationId: z.string().uuid().openapi({ description: "The service centre (tenant) the request acts for" }),
});

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const Window = z
  .tuple([Clock, Clock])
  .refine(([open, close]) => open < close, { message: "a window closes after it opens" });
export const WeeklyHoursSchema = z
  .object({
    "1": z.array(Window).max(4).optional(),
    "2": z.array(Window).max(4).optional(),
    "3": z.array(Window).max(4).optional(),
    "4": z.array(Window).max(4).optional(),
    "5": z.array(Window).max(4).optional(),
    "6": z.array(Window).max(4).optional(),
    "7": z.array(Window).max(4).optional(),
  })
  .strict();

export const BookingSettingsSchema = z
  .object({
    timezone: z.string().min(1).max(60),
    weeklyHours: WeeklyHoursSchema,
    slotMinutes: z.number().int().min(5).max(480),
    capacity: z.number().int().min(1).max(100),
  })
  .openapi("BookingSettings", {
    example: {
      timezone: "Europe/Berlin",
      weeklyHours: {
        "1": [["08:00", "17:00"]],
        "2": [["08:00", "17:00"]],
        "3": [["08:00", "17:00"]],
        "4": [["08:00", "17:00"]],
        "5": [["08:00", "14:00"]],
      },
      slotMinutes: 60,
      capacity: 2,
    },
  });

export const ProfileSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    city: z.string().trim().max(100).nullable(),
    address: z.string().trim().max(300).nullable(),
    phone: z.string().trim().max(40).nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    providerWallet: z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/)
      .nullable(),
  })
  .openapi("ServiceCentreProfileInput", {
    example: {
      displayName: "Rivoli Service Centre",
      city: "Turin",
      address: "Via Roma 1",
      phone: "+39 011 000000",
      currency: "EUR",
      providerWallet: null,
    },
  });

export const ProfileViewSchema = ProfileSchema.extend({
  organizationId: z.string().uuid(),
  verifiedAt: z.string().nullable(),
}).openapi("ServiceCentreProfile");

export const StaffRoleSchema = z.enum(["OWNER", "MANAGER", "RECEPTIONIST", "MECHANIC"]);

export const CatalogueKindSchema = z.enum(["LABOUR", "PART", "FLUID", "MATERIAL"]);

export const CatalogueItemInputSchema = z
  .object({
    sku: z.string().trim().min(1).max(60),
    name: z.string().trim().min(1).max(200),
    kind: CatalogueKindSchema,
    unit: z.string().trim().min(1).max(10),
    unitPriceCents: z.number().int().min(0).max(1e10),
    isActive: z.boolean().default(true),
  })
  .openapi("CatalogueItemInput", {
    example: { sku: "OIL-5W30-1L", name: "Engine oil 5W-30", kind: "FLUID", unit: "L", unitPriceCents: 1290 },
  });

export const CatalogueItemSchema = z
  .object({
    id: z.string().uuid(),
    sku: z.string(),
    name: z.string(),
    kind: CatalogueKindSchema,
    unit: z.string(),
    unitPriceCents: z.number().nullable(),
    isActive: z.boolean(),
    stock: z.number(),
  })
  .openapi("CatalogueItem");
