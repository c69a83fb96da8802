/**
 * The headers every page of the web is sent with. The CSP keeps scripts, styles and frames to this
 * origin (Next's inline bootstrap scripts need 'unsafe-inline'; `next dev` also needs 'unsafe-eval'
 * and its websocket), lets the wallet reach only the configured chain RPC endpoints, and forbids
 * framing (clickjacking of the sign-in and anchoring buttons).
 */
export function getSecurityHeaders(options: {
  development: boolean;
  /** RPC endpoints the browser calls (the local chain, Sepolia when configured). */
  rpcUrls: readonly string[];
}): Array<{ key: string; value: string }> {
  const rpcOrigins = [...new Set(options.rpcUrls.map((url) => new URL(url).origin))];
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${rpcOrigins.join(" ")}${options.development ? " ws: wss:" : ""}`.trim(),
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
  return [
    { key: "Content-Security-Policy", value: directives.join("; ") },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
}
