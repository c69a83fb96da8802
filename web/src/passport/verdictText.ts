import type { PassportVerdict } from "@a360/contracts/passport";

/** The headline a reader sees for each verdict. */
export function getVerdictTitle(verdict: PassportVerdict): string {
  switch (verdict.status) {
    case "verified":
      return "Verified on chain";
    case "not_anchored":
      return "Not yet anchored";
    case "changed_since_anchoring":
      return "Changed since anchoring";
    case "revoked":
      return "Revoked";
    case "superseded":
      return verdict.supersededByVersion ? `Superseded by version ${verdict.supersededByVersion}` : "Superseded";
    case "tampered":
      return "Does not match the chain";
    case "chain_unreachable":
      return "Chain unreachable";
  }
}
