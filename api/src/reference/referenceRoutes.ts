import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { NotFoundError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";

const ReferenceBatterySchema = z
  .object({
    code: z.string(),
    brand: z.string(),
    name: z.string(),
    chemistry: z.string(),
    nominalVoltageV: z.number(),
    capacityAh: z.number(),
    energyWh: z.number().int(),
    massKg: z.number(),
    cellFormat: z.string(),
    configuration: z.string(),
    baselineAttributes: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .openapi("LmtReferenceBattery");

const listRoute = createRoute({
  method: "get",
  path: "/reference-batteries",
  tags: ["catalogue"],
  summary: "The LMT reference catalogue: tenant-agnostic e-bike packs a model can provision from",
  security: [],
  responses: {
    200: {
      description: "All reference packs",
      content: { "application/json": { schema: z.object({ items: z.array(ReferenceBatterySchema) }) } },
    },
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/reference-batteries/{code}",
  tags: ["catalogue"],
  summary: "One reference pack with the baseline attributes it copies onto a model",
  security: [],
  request: { params: z.object({ code: z.string().max(40) }) },
  responses: {
    200: { description: "The pack", content: { "application/json": { schema: ReferenceBatterySchema } } },
    ...problemResponses(404),
  },
});

type Row = Awaited<ReturnType<AppServices["db"]["prisma"]["lmtReferenceBattery"]["findMany"]>>[number];
function toReferenceBattery(row: Row) {
  return {
    ...row,
    nominalVoltageV: row.nominalVoltageV.toNumber(),
    capacityAh: row.capacityAh.toNumber(),
    massKg: row.massKg.toNumber(),
    baselineAttributes: row.baselineAttributes as Record<string, string | number>,
  };
}

export function referenceRoutes(services: AppServices) {
  const app = createRouter<AppEnv>();
  app.openapi(listRoute, async (c) => {
    const rows = await services.db.prisma.lmtReferenceBattery.findMany({ orderBy: { code: "asc" } });
    return c.json({ items: rows.map(toReferenceBattery) }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const row = await services.db.prisma.lmtReferenceBattery.findUnique({ where: { code: c.req.valid("param").code } });
    if (!row) throw new NotFoundError("reference battery");
    return c.json(toReferenceBattery(row), 200);
  });
  return app;
}
