import { describe, expect, it } from "vitest";
import { createPublicId, PUBLIC_ID_PATTERN } from "./PublicId.ts";

describe("createPublicId", () => {
  const ids = Array.from({ length: 2_000 }, createPublicId);

  it("draws 22 URL-safe characters", () => {
    for (const id of ids) {
      expect(id).toHaveLength(22);
      expect(id).toMatch(PUBLIC_ID_PATTERN);
    }
  });

  it("never starts with a character a command line reads as an option", () => {
    expect(ids.filter((id) => /^[-_]/.test(id))).toEqual([]);
  });

  it("does not repeat", () => {
    expect(new Set(ids).size).toBe(ids.length);
  });
});
