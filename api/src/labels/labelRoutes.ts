import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { NotFoundError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { PUBLIC_SECURITY, SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { getPassportPageUrl } from "../passports/getPassportPageUrl.ts";
import { getTenantActor, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import { getLabelLayout, LABEL_LAYOUT_IDS, LABEL_LAYOUTS } from "./LabelLayout.ts";
import { renderLabelSheet } from "./renderLabelSheet.ts";

/** Labels in one sheet: 10,000 passports make ≈ 480 pages, a few MB. */
export const MAX_LABELS = 10_000;

const LabelLayoutSchema = z
  .object({
    id: z.enum(LABEL_LAYOUT_IDS),
    name: z.string(),
    columns: z.number().int(),
    rows: z.number().int(),
    labelWidth: z.number().openapi({ description: "mm" }),
    labelHeight: z.number().openapi({ description: "mm" }),
  })
  .openapi("LabelLayout");

const CreateLabelSheetSchema = z
  .object({
    layout: z.enum(LABEL_LAYOUT_IDS).default("a4-3x7"),
    passportIds: z.array(z.string().uuid()).min(1).max(MAX_LABELS).optional(),
    importJobId: z.string().uuid().optional().openapi({
      description: "Every passport this import created (in serial order), instead of `passportIds`",
    }),
    skip: z
      .number()
      .int()
      .min(0)
      .default(0)
      .openapi({
        description: `With importJobId: passports to skip, for an import of more than ${MAX_LABELS} (one sheet per ${MAX_LABELS})`,
      }),
  })
  .refine((input) => (input.passportIds === undefined) !== (input.importJobId === undefined), {
    message: "name either passportIds or importJobId",
    path: ["passportIds"],
  })
  .openapi("CreateLabelSheet", {
    example: { layout: "a4-3x7", passportIds: ["00000000-0000-4000-8000-00000000aaaa"] },
  });

const layoutsRoute = createRoute({
  method: "get",
  path: "/label-layouts",
  tags: ["labels"],
  summary: "The A4 label sheets a label PDF can be laid out on",
  security: PUBLIC_SECURITY,
  responses: {
    200: {
      description: "Layouts",
      content: { "application/json": { schema: z.object({ items: z.array(LabelLayoutSchema) }) } },
    },
  },
});

const sheetRoute = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/label-sheets",
  tags: ["labels"],
  summary:
    "A printable A4 PDF of QR labels for passports: the QR code opens the passport's page; serial, model and public id printed beside it",
  description: `At most ${MAX_LABELS} passports; sorted by serial number. A passport that is not the organization's is a 404.`,
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: OrganizationParamsSchema,
    body: { content: { "application/json": { schema: CreateLabelSheetSchema } }, required: true },
  },
  responses: {
    200: {
      description: "The PDF",
      content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

export function labelRoutes(services: AppServices) {
  const { db, config } = services;
  const app = createRouter<AppEnv>();

  app.openapi(layoutsRoute, (c) =>
    c.json(
      {
        items: LABEL_LAYOUTS.map(({ id, name, columns, rows, labelWidth, labelHeight }) => ({
          id,
          name,
          columns,
          rows,
          labelWidth,
          labelHeight,
        })),
      },
      200,
    ),
  );

  app.openapi(sheetRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const select = { publicId: true, serialNumber: true, model: { select: { modelCode: true } } } as const;
    const orderBy = [{ serialNumber: "asc" as const }, { id: "asc" as const }];
    let passports: Array<{ publicId: string; serialNumber: string; model: { modelCode: string } }>;
    if (input.importJobId) {
      const job = await db.prisma.importJob.findFirst({
        where: { id: input.importJobId, tenantId: organizationId },
        select: { id: true },
      });
      if (!job) throw new NotFoundError("import job");
      passports = await db.prisma.passport.findMany({
        where: { tenantId: organizationId, importJobId: job.id },
        select,
        orderBy,
        skip: input.skip,
        take: MAX_LABELS,
      });
      if (passports.length === 0) throw new NotFoundError("passports created by this import");
    } else {
      const ids = [...new Set(input.passportIds)];
      passports = await db.prisma.passport.findMany({
        where: { tenantId: organizationId, id: { in: ids } },
        select,
        orderBy,
      });
      if (passports.length !== ids.length) throw new NotFoundError(`${ids.length - passports.length} of the passports`);
    }
    const pdf = await renderLabelSheet(
      passports.map((passport) => ({
        url: getPassportPageUrl(config.PUBLIC_WEB_URL, passport.publicId),
        serialNumber: passport.serialNumber,
        publicId: passport.publicId,
        modelCode: passport.model.modelCode,
      })),
      getLabelLayout(input.layout),
      `QR labels, ${passports.length} passports`,
    );
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="a360-labels-${passports.length}.pdf"`,
      "cache-control": "private, no-store",
    });
  });

  return app;
}
