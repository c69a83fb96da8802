import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { resolveEffectiveAttributes } from "../attributes/EffectiveAttribute.ts";
import { isAttributeReadable, isCatalogueKeyReadable } from "../attributes/ReaderAccess.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { PUBLIC_SECURITY } from "../http/security.ts";
import { servePublicRead } from "../public-reads/servePublicRead.ts";
import { findPublicPassportRecord } from "./findPublicPassportRecord.ts";
import { findPublicReader } from "./findPublicReader.ts";
import { findPassportRecordByPublicId, getDerivedValues } from "./PassportRecord.ts";
import { PublicIdSchema, PublicPassportSchema } from "./PassportSchemas.ts";
import { passportReadKey } from "./publicReadKeys.ts";
import { writeAttributeViewsJson } from "./writeAttributeViewsJson.ts";

const publicPassportRoute = createRoute({
  method: "get",
  path: "/passports/{publicId}",
  tags: ["passports"],
  summary: "Read a passport by the public id of its QR code",
  description:
    "Anonymous readers see public attributes. A signed-in member of an organization with a legitimate interest (repairer, service centre, recycler) also sees legitimate-interest attributes; the owning manufacturer and authorities see everything.",
  security: PUBLIC_SECURITY,
  request: { params: z.object({ publicId: PublicIdSchema }) },
  responses: {
    200: {
      description: "The passport as this reader may see it",
      content: { "application/json": { schema: PublicPassportSchema } },
    },
    ...problemResponses(404, 422),
  },
});

const PUBLIC_CACHE_CONTROL = "public, max-age=60";

export function publicPassportRoutes(services: AppServices) {
  const { db, publicReads, modelValues } = services;
  const app = createRouter<AppEnv>();

  app.openapi(publicPassportRoute, async (c) => {
    const { publicId } = c.req.valid("param");
    return servePublicRead(c, publicReads, {
      key: passportReadKey(publicId),
      schema: PublicPassportSchema,
      cacheControl: PUBLIC_CACHE_CONTROL,
      missing: "passport",
      reader: findPublicReader(db, c.get("session")),
      load: async (reader) => {
        const [record, catalogue] = await Promise.all([
          // Anonymous scans read the model's values through a short-lived cache; members read fresh.
          reader.signedIn
            ? findPassportRecordByPublicId(db, publicId)
            : findPublicPassportRecord(db, modelValues, publicId),
          getAttributeCatalogue(db),
        ]);
        return record && { record, catalogue, readerAccess: await reader.accessTo(record.tenantId) };
      },
      render: ({ record, catalogue, readerAccess }) => {
        const category = record.model.batteryCategory;
        const attributes = resolveEffectiveAttributes(catalogue.definitions, {
          modelValues: record.modelValues,
          passportValues: record.passportValues,
          derived: getDerivedValues(record),
        }).filter((attribute) => isAttributeReadable(attribute.definition.access, readerAccess));
        // The document of PublicPassportSchema, written by hand around the attribute views' JSON
        // (writeAttributeViewsJson.ts); the key order is the schema's. The head's fields are catalogue
        // attributes too, shown under the same rule as the list.
        const readable = (key: string) => isCatalogueKeyReadable(catalogue.definitions, key, readerAccess);
        const head = JSON.stringify({
          publicId: record.publicId,
          serialNumber: readable("id.battery_id") ? record.serialNumber : null,
          productionDate: readable("id.manufacturing_date") ? record.productionDate : null,
          lifecycleState: readable("id.battery_status") ? record.lifecycleState : null,
          manufacturer: readable("id.manufacturer") ? record.manufacturerName : null,
          model: {
            modelCode: record.model.modelCode,
            name: record.model.name,
            batteryCategory: readable("id.battery_category") ? category : null,
          },
          readerAccess,
        } satisfies Omit<z.infer<typeof PublicPassportSchema>, "attributes">);
        return {
          json: `${head.slice(0, -1)},"attributes":${writeAttributeViewsJson(catalogue, attributes, category)}}`,
          scope: { passportId: record.id, modelId: record.model.id, tenantId: record.tenantId },
        };
      },
    });
  });

  return app;
}
