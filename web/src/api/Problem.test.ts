import { describe, expect, it } from "vitest";
import { getProblem } from "./Problem";

describe("getProblem", () => {
  it("keeps every member of a problem+json body", () => {
    const body = JSON.stringify({
      type: "https://a360.exchange/problems/siwe-replayed",
      title: "Sign-in refused",
      status: 401,
      detail: "The nonce was already used.",
      instance: "/api/v1/auth/verify",
    });
    expect(getProblem(401, "Unauthorized", body)).toEqual({
      type: "https://a360.exchange/problems/siwe-replayed",
      title: "Sign-in refused",
      status: 401,
      detail: "The nonce was already used.",
      instance: "/api/v1/auth/verify",
    });
  });

  it("defaults type to about:blank and title to the reason phrase when they are missing", () => {
    expect(getProblem(404, "Not Found", JSON.stringify({ detail: "no such account" }))).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "no such account",
    });
  });

  it("takes the status from the response, not from a body that disagrees", () => {
    expect(getProblem(500, "Internal Server Error", JSON.stringify({ title: "x", status: 200 })).status).toBe(500);
  });

  it("turns a non-JSON body into a problem with the reason phrase", () => {
    expect(getProblem(502, "Bad Gateway", "<html>upstream down</html>")).toEqual({
      type: "about:blank",
      title: "Bad Gateway",
      status: 502,
    });
  });

  it("names the status when there is neither body nor reason phrase", () => {
    expect(getProblem(503, "", "")).toEqual({ type: "about:blank", title: "HTTP 503", status: 503 });
  });

  it("ignores members of the wrong type", () => {
    expect(getProblem(400, "Bad Request", JSON.stringify({ type: 7, title: null, detail: ["a"] }))).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
    });
  });

  it("ignores a JSON body that is not an object", () => {
    expect(getProblem(400, "Bad Request", JSON.stringify(["title"]))).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
    });
  });
});
