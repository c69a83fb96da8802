import type { PassportDisclosure } from "@a360/contracts/passport";

/** GET /api/v1/public/passports/{publicId}: the disclosure plus display-only fields (api/ owns the shape). */
export interface PassportDisclosureView extends PassportDisclosure {
  readerAccess: "PUBLIC" | "LEGITIMATE_INTEREST" | "FULL";
  status: string;
  entries: Array<
    PassportDisclosure["entries"][number] & { name: string | null; category: string | null; unit: string | null }
  >;
}
