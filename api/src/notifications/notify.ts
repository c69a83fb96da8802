import type { Prisma } from "../../generated/prisma/client.ts";

export interface NotificationInput {
  tenantId: string;
  userId?: string | null;
  kind: string;
  title: string;
  body: string;
  payload?: Prisma.InputJsonValue;
  /** Same key, same notification: a retried action notifies once. */
  idempotencyKey: string;
}

/**
 * Records an in-app notification and one pending webhook delivery per endpoint of the tenant that
 * wants its kind, in the caller's transaction. Returns what to send once the transaction commits
 * (the webhook deliveries and the Telegram message); a sweep sends whatever that misses.
 */
export async function notify(tx: Prisma.TransactionClient, input: NotificationInput): Promise<Notified> {
  const existing = await tx.notification.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (existing) return { notificationIds: [], deliveryIds: [] };
  const notification = await tx.notification.create({
    data: {
      tenantId: input.tenantId,
      userId: input.userId ?? null,
      kind: input.kind,
      title: input.title,
      body: input.body,
      payload: input.payload ?? {},
      idempotencyKey: input.idempotencyKey,
    },
  });
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      tenantId: input.tenantId,
      disabledAt: null,
      OR: [{ kinds: { isEmpty: true } }, { kinds: { has: input.kind } }],
    },
    select: { id: true },
  });
  if (endpoints.length === 0) return { notificationIds: [notification.id], deliveryIds: [] };
  const deliveries = await tx.webhookDelivery.createManyAndReturn({
    data: endpoints.map((endpoint) => ({
      tenantId: input.tenantId,
      endpointId: endpoint.id,
      notificationId: notification.id,
    })),
    select: { id: true },
  });
  return { notificationIds: [notification.id], deliveryIds: deliveries.map((delivery) => delivery.id) };
}

/** Notifications recorded and webhook deliveries queued by a transaction, to wake their workers after it commits. */
export interface Notified {
  notificationIds: string[];
  deliveryIds: string[];
}
