/** The largest body the api takes on any route (the passport CSV import); larger ones are refused here. */
export const MAX_PROXIED_BODY_BYTES = 64 * 1024 * 1024;
