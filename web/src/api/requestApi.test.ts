import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./ApiError";
import { findSession } from "./a360Api";
import { requestApi } from "./requestApi";

function answer(status: number, body: string, contentType?: string) {
  const fetchMock = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(status === 204 ? null : body, {
        status,
        headers: contentType ? { "content-type": contentType } : {},
      }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

async function getRejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("requestApi", () => {
  it("returns the parsed JSON body of a 2xx answer", async () => {
    answer(200, JSON.stringify({ status: "ok" }), "application/json");
    await expect(requestApi("/api/v1/health")).resolves.toEqual({ status: "ok" });
  });

  it("returns undefined for 204", async () => {
    answer(204, "");
    await expect(requestApi("/api/v1/auth/logout", { method: "POST" })).resolves.toBeUndefined();
  });

  it("sends the session cookie and a JSON body", async () => {
    const fetchMock = answer(200, "{}", "application/json");
    await requestApi("/api/v1/auth/verify", { method: "POST", body: "{}" });
    const init: RequestInit | undefined = fetchMock.mock.calls[0]?.[1];
    expect(init?.credentials).toBe("same-origin");
    expect(new Headers(init?.headers).get("content-type")).toBe("application/json");
  });

  it("throws an unauthenticated ApiError carrying the problem on 401", async () => {
    answer(
      401,
      JSON.stringify({ type: "about:blank", title: "Unauthorized", status: 401, detail: "replayed" }),
      "application/problem+json",
    );
    const error = await getRejection(requestApi("/api/v1/auth/verify", { method: "POST", body: "{}" }));
    expect(error.code).toBe("unauthenticated");
    expect(error.problem.detail).toBe("replayed");
    expect(error.status).toBe(401);
  });

  it("marks other 4xx answers as rejected", async () => {
    answer(404, JSON.stringify({ title: "Not Found", status: 404 }), "application/problem+json");
    expect((await getRejection(requestApi("/api/v1/accounts/0x0"))).code).toBe("rejected");
  });

  it("marks a problem+json 5xx as a server failure", async () => {
    answer(500, JSON.stringify({ title: "Internal Server Error", status: 500 }), "application/problem+json");
    expect((await getRejection(requestApi("/api/v1/health"))).code).toBe("server_failed");
  });

  it("marks a non-JSON 5xx (the rewrite proxy with no api behind it) as unreachable", async () => {
    answer(500, "Internal Server Error", "text/plain");
    expect((await getRejection(requestApi("/api/v1/health"))).code).toBe("unreachable");
  });

  it("marks a network failure as unreachable and keeps its cause", async () => {
    const cause = new TypeError("fetch failed");
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(cause)),
    );
    const error = await getRejection(requestApi("/api/v1/health"));
    expect(error.code).toBe("unreachable");
    expect(error.cause).toBe(cause);
  });
});

describe("findSession", () => {
  it("returns undefined when the api answers 401", async () => {
    answer(401, JSON.stringify({ title: "Unauthorized", status: 401 }), "application/problem+json");
    await expect(findSession()).resolves.toBeUndefined();
  });

  it("returns the session when there is one", async () => {
    const session = {
      address: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      chainId: 31337,
      expiresAt: "2026-11-23T00:00:00.000Z",
    };
    answer(200, JSON.stringify(session), "application/json");
    await expect(findSession()).resolves.toEqual(session);
  });

  it("throws on failures other than 401", async () => {
    answer(500, "down", "text/plain");
    await expect(findSession()).rejects.toBeInstanceOf(ApiError);
  });
});
