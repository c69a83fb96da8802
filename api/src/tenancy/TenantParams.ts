import { z } from "@hono/zod-openapi";

export const OrganizationParamsSchema = z.object({
  organizationId: z.string().uuid().openapi({ description: "The organization (tenant) the request acts for" }),
});
export const ModelParamsSchema = OrganizationParamsSchema.extend({ modelId: z.string().uuid() });
export const PassportParamsSchema = OrganizationParamsSchema.extend({ passportId: z.string().uuid() });
