/** OpenAPI security requirements; the isolation test reads them to know which routes are a tenant's. */
export const SESSION_SECURITY = [{ session: [] }];
export const API_KEY_SECURITY = [{ apiKey: [] }];
export const PUBLIC_SECURITY = [];
/** Routes machines may call too: a session or a tenant API key with the route's scope. */
export const SESSION_OR_API_KEY_SECURITY: Array<Record<string, string[]>> = [{ session: [] }, { apiKey: [] }];
