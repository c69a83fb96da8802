/** OpenAPI security requirements; the isolation test reads them to know which routes are a tenant's. */
export const SESSION_SECURITY = [{ session: [] }];
export const API_KEY_SECURITY = [{ apiKey: [] }];
export const PUBLIC_SECURITY = [];
