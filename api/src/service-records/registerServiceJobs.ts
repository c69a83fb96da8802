import type { Logger } from "pino";
import { getChainClient } from "../anchoring/getChainClient.ts";
import type { ApiConfig } from "../config.ts";
import type { Database } from "../database/Database.ts";
import type { JobQueue } from "../jobs/JobQueue.ts";
import { deliverWebhook, WebhookRetryError } from "../notifications/deliverWebhook.ts";
import { TelegramBot } from "../notifications/TelegramBot.ts";
import type { ServiceOutbox } from "../work-orders/ServiceOutbox.ts";
import { RepairSigners } from "./RepairSigners.ts";
import { RepairNotYetRecordedError, recordRepairOnChain } from "./recordRepairOnChain.ts";

export const RECORD_REPAIR_JOB = "service.record-repair";
export const SWEEP_REPAIRS_JOB = "service.sweep-repairs";
export const DELIVER_WEBHOOK_JOB = "notifications.deliver-webhook";
export const SWEEP_WEBHOOKS_JOB = "notifications.sweep-webhooks";
export const TELEGRAM_NOTIFY_JOB = "notifications.telegram";

/**
 * The service domain's jobs: each completed work order's repair goes on chain from its outbox row
 * (retried with backoff), and a sweep every minute sends again whatever is still not on chain, so
 * a repair lands however long the chain was away. Webhook deliveries are retried with backoff until
 * WEBHOOK_MAX_ATTEMPTS, then dead-lettered; Telegram messages are best-effort (two tries, then
 * dropped with a log line). Returns what the routes call once their transaction commits.
 */
export function registerServiceJobs(queue: JobQueue, db: Database, config: ApiConfig, logger: Logger): ServiceOutbox {
  const chain = {
    client: getChainClient(config),
    rpcUrl: config.CHAIN_RPC_URL,
    signers: new RepairSigners(config.REPAIR_SIGNER_KEYS),
  };
  const repairs = queue.addOutbox<{ serviceRecordId: string }>({
    name: RECORD_REPAIR_JOB,
    retryLimit: 10,
    run: async ({ serviceRecordId }) => {
      try {
        const outcome = await recordRepairOnChain(db, chain, serviceRecordId);
        logger.info({ serviceRecordId, outcome }, "repair recorded on chain");
      } catch (error) {
        if (error instanceof RepairNotYetRecordedError)
          logger.warn({ serviceRecordId, reason: error.message }, "repair not on chain yet");
        throw error;
      }
    },
  });
  const sendRepair = (serviceRecordId: string) => repairs.send({ serviceRecordId }, { singletonKey: serviceRecordId });
  queue.addSchedule({
    name: SWEEP_REPAIRS_JOB,
    cron: "* * * * *",
    run: async () => {
      const waiting = await db.prisma.repairAnchor.findMany({
        where: { status: { in: ["PENDING", "SUBMITTED"] }, updatedAt: { lt: new Date(Date.now() - 30_000) } },
        select: { serviceRecordId: true },
        take: 500,
      });
      for (const anchor of waiting) await sendRepair(anchor.serviceRecordId);
    },
  });
  const webhooks = queue.addOutbox<{ deliveryId: string }>({
    name: DELIVER_WEBHOOK_JOB,
    retryLimit: config.WEBHOOK_MAX_ATTEMPTS,
    run: async ({ deliveryId }) => {
      const outcome = await deliverWebhook(db, deliveryId, { maxAttempts: config.WEBHOOK_MAX_ATTEMPTS }).catch(
        (error: unknown) => {
          if (error instanceof WebhookRetryError)
            logger.warn({ deliveryId, reason: error.message }, "webhook delivery failed; retrying");
          throw error;
        },
      );
      if (outcome === "DEAD") logger.warn({ deliveryId }, "webhook delivery dead-lettered");
    },
  });
  const sendDelivery = (deliveryId: string) => webhooks.send({ deliveryId }, { singletonKey: deliveryId });
  queue.addSchedule({
    name: SWEEP_WEBHOOKS_JOB,
    cron: "* * * * *",
    run: async () => {
      // Deliveries whose wake-up was lost (the process stopped right after the commit).
      const waiting = await db.prisma.webhookDelivery.findMany({
        where: { status: "PENDING", attempts: 0, createdAt: { lt: new Date(Date.now() - 60_000) } },
        select: { id: true },
        take: 500,
      });
      for (const delivery of waiting) await sendDelivery(delivery.id);
    },
  });
  const bot = config.TELEGRAM_BOT_TOKEN
    ? new TelegramBot(config.TELEGRAM_API_URL, config.TELEGRAM_BOT_TOKEN)
    : undefined;
  const telegram = queue.addOutbox<{ notificationId: string }>({
    name: TELEGRAM_NOTIFY_JOB,
    retryLimit: 1,
    run: async ({ notificationId }) => {
      if (!bot) return;
      const notification = await db.prisma.notification.findUnique({ where: { id: notificationId } });
      if (!notification) return;
      const recipients = await db.prisma.user.findMany({
        where: {
          telegramId: { not: null },
          memberships: { some: { organizationId: notification.tenantId } },
          ...(notification.userId ? { id: notification.userId } : {}),
        },
        select: { telegramId: true },
      });
      const text = notification.body ? `${notification.title}\n${notification.body}` : notification.title;
      const failures = await Promise.allSettled(recipients.map((user) => bot.sendMessage(user.telegramId!, text)));
      const failed = failures.filter((result) => result.status === "rejected");
      if (failed.length > 0) {
        logger.warn({ notificationId, failed: failed.length }, "Telegram delivery failed (best-effort)");
        throw new Error("Telegram delivery failed");
      }
    },
  });
  return {
    afterCompletion: async (result) => {
      await sendRepair(result.serviceRecordId);
    },
    afterNotify: async (notified) => {
      for (const deliveryId of notified.deliveryIds) await sendDelivery(deliveryId);
      if (bot) for (const notificationId of notified.notificationIds) await telegram.send({ notificationId });
    },
  };
}
