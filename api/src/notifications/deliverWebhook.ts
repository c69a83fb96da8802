import type { Database } from "../database/Database.ts";
import { SIGNATURE_HEADER, signWebhookBody } from "./WebhookSignature.ts";

/** The delivery failed and will be tried again (the job queue backs off). */
export class WebhookRetryError extends Error {}

export interface WebhookDeliveryOptions {
  /** Attempts before a delivery goes to the dead-letter list. */
  maxAttempts: number;
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * POSTs one notification to one endpoint, signed, with the notification's id as its idempotency
 * key (the same on every retry, so a receiver can drop repeats). A 2xx delivers it; anything else
 * counts an attempt and is retried until `maxAttempts`, then the delivery is DEAD.
 */
export async function deliverWebhook(
  db: Database,
  deliveryId: string,
  options: WebhookDeliveryOptions,
): Promise<"DELIVERED" | "DEAD" | "SKIPPED"> {
  const delivery = await db.prisma.webhookDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery || delivery.status !== "PENDING") return "SKIPPED";
  const [endpoint, notification] = await Promise.all([
    db.prisma.webhookEndpoint.findUnique({ where: { id: delivery.endpointId } }),
    db.prisma.notification.findUnique({ where: { id: delivery.notificationId } }),
  ]);
  if (!endpoint || !notification || endpoint.disabledAt) {
    await db.prisma.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "DEAD", deadAt: new Date(), lastError: "the endpoint is gone" },
    });
    return "DEAD";
  }
  const body = JSON.stringify({
    id: notification.id,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    payload: notification.payload,
    createdAt: notification.createdAt.toISOString(),
  });
  const now = options.now?.() ?? new Date();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": notification.id,
        "a360-delivery": delivery.id,
        [SIGNATURE_HEADER]: signWebhookBody(endpoint.secret, body, Math.floor(now.getTime() / 1000)),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    status = response.status;
    await response.body?.cancel();
    if (response.ok) {
      await db.prisma.webhookDelivery.update({
        where: { id: deliveryId },
        data: {
          status: "DELIVERED",
          deliveredAt: new Date(),
          attempts: { increment: 1 },
          lastStatus: status,
          lastError: null,
        },
      });
      return "DELIVERED";
    }
    error = `the endpoint answered ${status}`;
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
  }
  const attempts = delivery.attempts + 1;
  const isDead = attempts >= options.maxAttempts;
  await db.prisma.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      attempts,
      lastStatus: status,
      lastError: error?.slice(0, 2000) ?? null,
      ...(isDead ? { status: "DEAD", deadAt: new Date() } : {}),
    },
  });
  if (isDead) return "DEAD";
  throw new WebhookRetryError(error ?? "delivery failed");
}
