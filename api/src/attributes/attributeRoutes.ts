import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { createRouter } from "../http/createRouter.ts";
import { getAttributeCatalogue } from "./AttributeCatalogue.ts";
import { AttributeDefinitionSchema } from "./AttributeSchemas.ts";

const listRoute = createRoute({
  method: "get",
  path: "/attribute-definitions",
  tags: ["catalogue"],
  summary: "The attribute catalogue (Battery Pass longlist v1.2): public reference data, not paginated",
  security: [],
  request: { query: z.object({ category: z.string().optional() }) },
  responses: {
    200: {
      description: "Catalogue entries ordered by number",
      content: { "application/json": { schema: z.object({ items: z.array(AttributeDefinitionSchema) }) } },
    },
  },
});

export function attributeRoutes(services: AppServices) {
  const app = createRouter<AppEnv>();
  app.openapi(listRoute, async (c) => {
    const { category } = c.req.valid("query");
    const catalogue = await getAttributeCatalogue(services.db);
    const items = catalogue.definitions.filter((definition) => !category || definition.category === category);
    return c.json({ items }, 200);
  });
  return app;
}
