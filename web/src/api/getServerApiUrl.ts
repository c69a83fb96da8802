const DEFAULT_API_URL = "http://127.0.0.1:4000";

/** The api's base url as the web's server reaches it (A360_API_URL, read per request, not frozen into the build). */
export function getServerApiUrl(): string {
  return (process.env.A360_API_URL || DEFAULT_API_URL).replace(/\/+$/, "");
}
