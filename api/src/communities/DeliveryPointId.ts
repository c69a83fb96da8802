import { hasGs1CheckDigit } from "../organizations/hasGs1CheckDigit.ts";

/**
 * The metering-point identifiers a delivery point may carry:
 * - IT_POD: an Italian POD, `IT` + the distributor's 3 digits + `E` (electricity) + 8 or 9 characters;
 * - EAN_18: an 18-digit GS1 number with its mod-10 check digit (Belgium, the Netherlands, …);
 * - EIC: an ENTSO-E Energy Identification Code of 16 characters whose last is its check character.
 */
export type DeliveryPointScheme = "IT_POD" | "EAN_18" | "EIC";

const EIC_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

/** ENTSO-E's check character: weights 16…2 over the first 15 characters, 36 − ((sum − 1) mod 37). */
export function getEicCheckCharacter(first15: string): string | undefined {
  let sum = 0;
  for (const [index, character] of [...first15].entries()) {
    const value = EIC_ALPHABET.indexOf(character);
    if (value < 0) return undefined;
    sum += value * (16 - index);
  }
  const check = 36 - ((sum - 1) % 37);
  // A result of 36 would be "-", which the code does not allow as its check character.
  return check === 36 ? undefined : EIC_ALPHABET[check];
}

/** The identifier as stored: upper-case, spaces removed. */
export function normaliseDeliveryPointId(id: string): string {
  return id.replaceAll(" ", "").toUpperCase();
}

/** The scheme a normalised identifier is valid in, or undefined. */
export function findDeliveryPointScheme(id: string): DeliveryPointScheme | undefined {
  if (/^IT\d{3}E[0-9A-Z]{8,9}$/.test(id)) return "IT_POD";
  if (/^\d{18}$/.test(id)) return hasGs1CheckDigit(id) ? "EAN_18" : undefined;
  if (/^[0-9]{2}[A-Z0-9][A-Z0-9-]{12}[A-Z0-9]$/.test(id)) {
    return getEicCheckCharacter(id.slice(0, 15)) === id[15] ? "EIC" : undefined;
  }
  return undefined;
}
