import { type Hex, pad } from "viem";

/**
 * The on-chain id of an organization of the api (what PassportRegistry.grantManufacturer takes; the
 * contracts' ABI spells it `organisationId`): its UUID's 16 bytes, left-padded to bytes32, so the id
 * reads back as the UUID.
 */
export function organizationIdOf(organizationId: string): Hex {
  const hex = organizationId.replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a UUID: ${organizationId}`);
  return pad(`0x${hex}`, { size: 32 });
}
