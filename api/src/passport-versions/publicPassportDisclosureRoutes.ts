import { createRoute, z } from "@hono/zod-openapi";
import QRCode from "qrcode";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import type { ReaderAccess } from "../attributes/ReaderAccess.ts";
import { NotFoundError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { PUBLIC_SECURITY } from "../http/security.ts";
import { findPublicReader } from "../passports/findPublicReader.ts";
import { getPassportPageUrl } from "../passports/getPassportPageUrl.ts";
import { PublicIdSchema } from "../passports/PassportSchemas.ts";
import { disclosureReadKey } from "../passports/publicReadKeys.ts";
import { servePublicRead } from "../public-reads/servePublicRead.ts";
import { findPassportDisclosure } from "./findPassportDisclosure.ts";
import { PassportDisclosureSchema } from "./PassportDisclosureSchema.ts";

const disclosureRoute = createRoute({
  method: "get",
  path: "/public/passports/{publicId}",
  tags: ["verification"],
  summary: "A passport version with everything needed to verify it against the chain",
  description:
    "The latest anchored version (or `version`), the entries this reader may see with their salts and Merkle proofs, the version's root and its proof into the batch root, and where that root is on chain. Anonymous readers get public entries; signed-in readers with a legitimate interest, authorities and the owning manufacturer get more. Nothing here needs to be trusted: check it with `pnpm verify` or the page /p/{publicId}.",
  security: PUBLIC_SECURITY,
  request: {
    params: z.object({ publicId: PublicIdSchema }),
    query: z.object({ version: z.coerce.number().int().positive().max(2_147_483_647).optional() }),
  },
  responses: {
    200: {
      description: "The disclosure",
      content: { "application/json": { schema: PassportDisclosureSchema } },
    },
    ...problemResponses(404, 422),
  },
});

function qrRoute(format: "svg" | "png") {
  return createRoute({
    method: "get",
    path: `/public/passports/{publicId}/qr.${format}`,
    tags: ["verification"],
    summary: `QR code (${format.toUpperCase()}) of the passport's public page /p/{publicId}`,
    security: PUBLIC_SECURITY,
    request: { params: z.object({ publicId: PublicIdSchema }) },
    responses: {
      200: {
        description: "The QR code",
        content: { [format === "svg" ? "image/svg+xml" : "image/png"]: { schema: z.string() } },
      },
      ...problemResponses(404, 422),
    },
  });
}

const PUBLIC_CACHE_CONTROL = "public, max-age=15";

export function publicPassportDisclosureRoutes(services: AppServices) {
  const { db, config, publicReads } = services;
  const app = createRouter<AppEnv>();
  const pageOf = (publicId: string) => getPassportPageUrl(config.PUBLIC_WEB_URL, publicId);

  app.openapi(disclosureRoute, async (c) => {
    const { publicId } = c.req.valid("param");
    const requestedVersion = c.req.valid("query").version;
    const base = `/api/v1/public/passports/${publicId}`;
    return servePublicRead(c, publicReads, {
      key: disclosureReadKey(publicId, requestedVersion),
      schema: PassportDisclosureSchema,
      cacheControl: PUBLIC_CACHE_CONTROL,
      missing: "passport version",
      reader: findPublicReader(db, c.get("session")),
      load: async (reader) => {
        let readerAccess: ReaderAccess = "PUBLIC";
        const accessTo = async (tenantId: string) => {
          readerAccess = await reader.accessTo(tenantId);
          return readerAccess;
        };
        const [disclosure, catalogue] = await Promise.all([
          findPassportDisclosure(db, publicId, accessTo, requestedVersion),
          getAttributeCatalogue(db),
        ]);
        return disclosure && { disclosure, catalogue, readerAccess };
      },
      render: ({ disclosure, catalogue, readerAccess }) => {
        const { tenantId, recordId, modelId, ...view } = disclosure;
        const answer = {
          ...view,
          readerAccess,
          entries: view.entries.map((entry) => {
            const definition = catalogue.findByKey(entry.key);
            return {
              ...entry,
              name: definition?.name ?? null,
              category: definition?.category ?? null,
              unit: definition?.unit ?? null,
            };
          }),
          links: { page: pageOf(publicId), qrSvg: `${base}/qr.svg`, qrPng: `${base}/qr.png` },
        } satisfies z.input<typeof PassportDisclosureSchema>;
        return { json: JSON.stringify(answer), scope: { passportId: recordId, modelId, tenantId } };
      },
    });
  });

  const getPassportPage = async (publicId: string) => {
    const passport = await db.prisma.passport.findUnique({ where: { publicId }, select: { id: true } });
    if (!passport) throw new NotFoundError("passport");
    return pageOf(publicId);
  };
  app.openapi(qrRoute("svg"), async (c) => {
    const page = await getPassportPage(c.req.valid("param").publicId);
    const svg = await QRCode.toString(page, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    return c.body(svg, 200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" });
  });
  app.openapi(qrRoute("png"), async (c) => {
    const page = await getPassportPage(c.req.valid("param").publicId);
    const png = await QRCode.toBuffer(page, { type: "png", errorCorrectionLevel: "M", margin: 2, scale: 8 });
    return c.body(new Uint8Array(png), 200, { "content-type": "image/png", "cache-control": "public, max-age=86400" });
  });

  return app;
}
