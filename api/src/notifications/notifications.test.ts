import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRecordingServer } from "../../test/recordingServer.ts";
import {
  createManufacturer,
  createUnitMirror,
  createVerifiedCentre,
  nextSlot,
  signInOwner,
} from "../../test/serviceFixture.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";
import { deliverWebhook, WebhookRetryError } from "./deliverWebhook.ts";
import { TelegramBot } from "./TelegramBot.ts";
import { isWebhookSignatureValid } from "./WebhookSignature.ts";

const MIRROR = "mirror_notifications";
const { app, db } = await createTestApp({ CHAIN_MIRROR_SCHEMA: MIRROR, WEBHOOK_ALLOW_PRIVATE_HOSTS: "true" });
let failuresLeft = 0;
const receiver = await startRecordingServer(() => (failuresLeft-- > 0 ? { status: 500 } : { status: 204 }));
afterAll(async () => {
  await receiver.stop();
  await closeDatabase(db);
});

let centre: Awaited<ReturnType<typeof createVerifiedCentre>>;
let secret: string;
let endpointId: string;

beforeAll(async () => {
  centre = await createVerifiedCentre(app, db);
  const created = await centre.admin.request(`/organizations/${centre.organizationId}/webhooks`, {
    method: "POST",
    body: { url: `${receiver.url}/hooks`, kinds: ["appointment.requested"] },
  });
  expect(created.status).toBe(201);
  ({ secret, id: endpointId } = (await created.json()) as { secret: string; id: string });
});

let bookingHour = 8;

/** An owner books at the centre: the centre is notified (in-app and one webhook delivery). */
async function book(): Promise<string> {
  const mirror = await createUnitMirror(db, MIRROR);
  const manufacturer = await createManufacturer(app, db);
  const owner = await signInOwner(app, db);
  const unit = await manufacturer.makeUnit();
  await mirror.holds(owner.address, unit.publicId);
  await owner.request("/garage/units", { method: "POST", body: { publicId: unit.publicId } });
  const booked = await owner.request(`/units/${unit.passportId}/appointments`, {
    method: "POST",
    body: { serviceOrgId: centre.organizationId, startsAt: nextSlot(3, ++bookingHour) },
  });
  expect(booked.status).toBe(201);
  const { id } = (await booked.json()) as { id: string };
  const notification = await db.prisma.notification.findUniqueOrThrow({
    where: { idempotencyKey: `appointment.requested:${id}` },
  });
  const delivery = await db.prisma.webhookDelivery.findFirstOrThrow({
    where: { notificationId: notification.id, endpointId },
  });
  return delivery.id;
}

describe("notifications", () => {
  it("shows the centre's staff the booking in-app", async () => {
    await book();
    const response = await centre.admin.request("/notifications?unread=true");
    const { items } = (await response.json()) as { items: Array<{ kind: string; id: string }> };
    expect(items.map((item) => item.kind)).toContain("appointment.requested");
    expect((await centre.admin.request(`/notifications/${items[0]!.id}/read`, { method: "POST" })).status).toBe(204);
  });

  it("POSTs a webhook signed with the endpoint's secret, with the notification as its idempotency key", async () => {
    const deliveryId = await book();
    expect(await deliverWebhook(db, deliveryId, { maxAttempts: 3 })).toBe("DELIVERED");
    const request = receiver.requests.at(-1)!;
    const delivery = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(request.headers["idempotency-key"]).toBe(delivery.notificationId);
    const signature = String(request.headers["a360-signature"]);
    expect(isWebhookSignatureValid(secret, request.body, signature, Math.floor(Date.now() / 1000))).toBe(true);
    expect(isWebhookSignatureValid("whsec_other", request.body, signature, Math.floor(Date.now() / 1000))).toBe(false);
    expect(isWebhookSignatureValid(secret, `${request.body} `, signature, Math.floor(Date.now() / 1000))).toBe(false);
    expect(isWebhookSignatureValid(secret, request.body, signature, Math.floor(Date.now() / 1000) + 3600)).toBe(false);
    expect(await deliverWebhook(db, deliveryId, { maxAttempts: 3 })).toBe("SKIPPED");
  });

  it("retries a failing endpoint with the same idempotency key, dead-letters it after the last try, and redelivers on demand", async () => {
    const deliveryId = await book();
    failuresLeft = 3;
    const before = receiver.requests.length;
    await expect(deliverWebhook(db, deliveryId, { maxAttempts: 3 })).rejects.toBeInstanceOf(WebhookRetryError);
    await expect(deliverWebhook(db, deliveryId, { maxAttempts: 3 })).rejects.toBeInstanceOf(WebhookRetryError);
    expect(await deliverWebhook(db, deliveryId, { maxAttempts: 3 })).toBe("DEAD");
    const sent = receiver.requests.slice(before);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((request) => request.headers["idempotency-key"])).size).toBe(1);

    const base = `/organizations/${centre.organizationId}/webhook-deliveries`;
    const dead = (await (await centre.admin.request(`${base}?status=DEAD`)).json()) as {
      items: Array<{ id: string; attempts: number; lastStatus: number }>;
    };
    expect(dead.items).toEqual([expect.objectContaining({ id: deliveryId, attempts: 3, lastStatus: 500 })]);
    const again = await centre.admin.request(`${base}/${deliveryId}/redelivery`, { method: "POST" });
    expect(again.status).toBe(202);
    expect(await deliverWebhook(db, deliveryId, { maxAttempts: 3 })).toBe("DELIVERED");
    const twice = await centre.admin.request(`${base}/${deliveryId}/redelivery`, { method: "POST" });
    expect(twice.status).toBe(409);
  });

  it("keeps webhooks off loopback and private hosts unless the configuration allows them", async () => {
    const strict = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_HOSTS: "false" });
    const admin = await createVerifiedCentre(strict.app, strict.db);
    for (const url of ["http://127.0.0.1:9/x", "https://10.0.0.5/x", "https://localhost/x", "http://example.org/x"]) {
      const response = await admin.admin.request(`/organizations/${admin.organizationId}/webhooks`, {
        method: "POST",
        body: { url },
      });
      expect({ url, status: response.status }).toEqual({ url, status: 422 });
    }
    await closeDatabase(strict.db);
  });
});

describe("the Telegram delivery adapter", () => {
  it("sends a message through the Bot API at the configured address, and reports a refusal", async () => {
    const botApi = await startRecordingServer((request) =>
      request.body.includes('"chat_id":"42"')
        ? { status: 200, body: { ok: true, result: { message_id: 1 } } }
        : { status: 400, body: { ok: false, description: "Bad Request: chat not found" } },
    );
    try {
      const bot = new TelegramBot(botApi.url, "123456:TEST-TOKEN-abcdefghijklmnop");
      await bot.sendMessage("42", "Your service is done");
      expect(botApi.requests[0]).toMatchObject({
        method: "POST",
        path: "/bot123456:TEST-TOKEN-abcdefghijklmnop/sendMessage",
      });
      expect(JSON.parse(botApi.requests[0]!.body)).toMatchObject({ chat_id: "42", text: "Your service is done" });
      await expect(bot.sendMessage("7", "x")).rejects.toThrow(/chat not found/);
    } finally {
      await botApi.stop();
    }
  });
});
