import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import type { ChainMirror } from "../chain/ChainMirror.ts";
import { createRouter } from "../http/createRouter.ts";

const HealthSchema = z
  .object({ status: z.enum(["ok", "degraded"]), database: z.boolean(), chainMirror: z.boolean() })
  .openapi("Health");

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["health"],
  summary: "Liveness of the api and its dependencies",
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: HealthSchema } } },
    503: { description: "The database is unreachable", content: { "application/json": { schema: HealthSchema } } },
  },
});

export function healthRoutes(services: AppServices, mirror: ChainMirror) {
  const app = createRouter<AppEnv>();
  app.openapi(healthRoute, async (c) => {
    const database = await services.db.prisma.$queryRaw`select 1`.then(
      () => true,
      () => false,
    );
    const chainMirror = database && (await mirror.isPublished().catch(() => false));
    if (!database) return c.json({ status: "degraded" as const, database, chainMirror }, 503);
    return c.json({ status: chainMirror ? ("ok" as const) : ("degraded" as const), database, chainMirror }, 200);
  });
  return app;
}
