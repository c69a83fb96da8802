import { describe, expect, it } from "vitest";
import { getSecurityHeaders } from "./securityHeaders";

function header(name: string, development = false): string | undefined {
  return getSecurityHeaders({
    development,
    rpcUrls: ["http://127.0.0.1:8545/", "https://rpc.sepolia.example/key"],
  }).find((entry) => entry.key === name)?.value;
}

describe("the web's security headers", () => {
  it("forbid framing the site anywhere", () => {
    expect(header("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(header("X-Frame-Options")).toBe("DENY");
  });

  it("let scripts and connections reach this origin and the configured RPC endpoints only", () => {
    const csp = header("Content-Security-Policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:8545 https:\/\/rpc\.sepolia\.example(;|$)/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("object-src 'none'");
  });

  it("let next dev evaluate code and open its websocket, and only there", () => {
    expect(header("Content-Security-Policy", true)).toContain("'unsafe-eval'");
    expect(header("Content-Security-Policy", true)).toContain("ws:");
  });

  it("forbid MIME sniffing and send only the origin to other sites", () => {
    expect(header("X-Content-Type-Options")).toBe("nosniff");
    expect(header("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  });
});
