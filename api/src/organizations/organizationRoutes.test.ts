import { afterAll, describe, expect, it } from "vitest";
import { requestWithCookie, signIn, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp({ ORGANIZATIONS_PER_USER_MAX: "3" });
afterAll(() => closeDatabase(db));

async function signedInUser() {
  const { cookie, address } = await signIn(app);
  return { cookie, address, request: requestWithCookie(app, cookie) };
}

interface Problem {
  status: number;
  errors?: Array<{ path: string; message: string }>;
}

describe("POST /organizations", () => {
  it("creates an organization of the given kind with its profile; the creator is its admin", async () => {
    const user = await signedInUser();
    const response = await user.request("/organizations", {
      method: "POST",
      body: {
        name: "Rivoli Repairs",
        kind: "SERVICE_CENTRE",
        legalName: "Rivoli Repairs S.r.l.",
        identifiers: { vatId: "it12345678901", lei: "5493001KJTIIGC8Y1R12", gln: "4000001000005" },
        address: { street: "Via Roma 1", postalCode: "10121", city: "Torino", countryCode: "it" },
      },
    });
    expect(response.status).toBe(201);
    const organization = (await response.json()) as Record<string, unknown> & { id: string };
    expect(organization).toMatchObject({
      name: "Rivoli Repairs",
      kind: "SERVICE_CENTRE",
      legalName: "Rivoli Repairs S.r.l.",
      identifiers: { vatId: "IT12345678901", lei: "5493001KJTIIGC8Y1R12", gln: "4000001000005", eori: null },
      address: { city: "Torino", countryCode: "IT" },
      role: "ADMIN",
      permissions: { canWrite: true, canAdminister: true, canAnchorPassports: false },
    });
    const list = (await (await user.request("/organizations")).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((item) => item.id)).toEqual([organization.id]);
  });

  it("says a manufacturer's writers may anchor passports", async () => {
    const user = await signedInUser();
    const response = await user.request("/organizations", {
      method: "POST",
      body: { name: "Cells", kind: "MANUFACTURER" },
    });
    expect(((await response.json()) as { permissions: unknown }).permissions).toEqual({
      canWrite: true,
      canAdminister: true,
      canAnchorPassports: true,
    });
  });

  it("refuses a broken LEI, GLN, VAT id or country with 422 naming each field, and stores nothing", async () => {
    const user = await signedInUser();
    const response = await user.request("/organizations", {
      method: "POST",
      body: {
        name: "Broken ids",
        kind: "MANUFACTURER",
        identifiers: { lei: "5493001KJTIIGC8Y1R13", gln: "4000001000006", vatId: "1234" },
        address: { countryCode: "XX" },
      },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as Problem;
    expect(problem.errors?.map((error) => error.path).sort()).toEqual([
      "address.countryCode",
      "identifiers.gln",
      "identifiers.lei",
      "identifiers.vatId",
    ]);
    expect(await db.prisma.organization.count({ where: { name: "Broken ids" } })).toBe(0);
  });

  it("refuses an unknown kind with 422 and an anonymous caller with 401", async () => {
    const user = await signedInUser();
    const bad = await user.request("/organizations", { method: "POST", body: { name: "X", kind: "BANK" } });
    expect(bad.status).toBe(422);
    const anonymous = await requestWithCookie(app, undefined)("/organizations", {
      method: "POST",
      body: { name: "X", kind: "MANUFACTURER" },
    });
    expect(anonymous.status).toBe(401);
  });

  it("refuses a wallet past ORGANIZATIONS_PER_USER_MAX with 409", async () => {
    const user = await signedInUser();
    for (const name of ["one", "two", "three"]) {
      expect((await user.request("/organizations", { method: "POST", body: { name, kind: "SUPPLIER" } })).status).toBe(
        201,
      );
    }
    const fourth = await user.request("/organizations", { method: "POST", body: { name: "four", kind: "SUPPLIER" } });
    expect(fourth.status).toBe(409);
  });
});

describe("GET and PATCH /organizations/{organizationId}", () => {
  it("shows the profile to a member and refuses a stranger with 403", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const own = await admin.request(`/organizations/${admin.organizationId}`);
    expect(own.status).toBe(200);
    const stranger = await signInMember(app, db, "MANUFACTURER");
    expect((await stranger.request(`/organizations/${admin.organizationId}`)).status).toBe(403);
  });

  it("lets an admin change the profile, leaves fields not sent, and clears fields sent empty", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const path = `/organizations/${admin.organizationId}`;
    await admin.request(path, {
      method: "PATCH",
      body: { legalName: "Volta GmbH", address: { city: "Stuttgart", countryCode: "DE" } },
    });
    const response = await admin.request(path, { method: "PATCH", body: { address: { city: "" } } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      legalName: "Volta GmbH",
      address: { city: null, countryCode: "DE" },
    });
  });

  it("refuses an editor's profile change with 403 and changes nothing", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const editor = await signInMember(app, db, "MANUFACTURER");
    await db.prisma.membership.create({
      data: { organizationId: admin.organizationId, userId: editor.userId, role: "EDITOR" },
    });
    const response = await editor.request(`/organizations/${admin.organizationId}`, {
      method: "PATCH",
      body: { name: "Hijacked" },
    });
    expect(response.status).toBe(403);
    expect((await db.prisma.organization.findUniqueOrThrow({ where: { id: admin.organizationId } })).name).not.toBe(
      "Hijacked",
    );
  });
});

describe("members", () => {
  async function organizationWithEditor() {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const editor = await signInMember(app, db, "MANUFACTURER");
    await db.prisma.membership.create({
      data: { organizationId: admin.organizationId, userId: editor.userId, role: "EDITOR" },
    });
    return { admin, editor, members: `/organizations/${admin.organizationId}/members` };
  }

  it("lists members with their wallet and role, and marks the caller", async () => {
    const { admin, editor, members } = await organizationWithEditor();
    const page = (await (await editor.request(members)).json()) as {
      items: Array<{ address: string; role: string; isYou: boolean }>;
    };
    expect(page.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ address: admin.address, role: "ADMIN", isYou: false }),
        expect.objectContaining({ address: editor.address, role: "EDITOR", isYou: true }),
      ]),
    );
  });

  it("lets an admin change a role, and refuses an editor with 403", async () => {
    const { admin, editor, members } = await organizationWithEditor();
    const changed = await admin.request(`${members}/${editor.userId}`, { method: "PATCH", body: { role: "VIEWER" } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ role: "VIEWER", address: editor.address });
    const refused = await editor.request(`${members}/${admin.userId}`, { method: "PATCH", body: { role: "VIEWER" } });
    expect(refused.status).toBe(403);
  });

  it("refuses to demote or remove the last admin with 409, and allows it once another admin exists", async () => {
    const { admin, editor, members } = await organizationWithEditor();
    const demote = await admin.request(`${members}/${admin.userId}`, { method: "PATCH", body: { role: "EDITOR" } });
    expect(demote.status).toBe(409);
    expect((await admin.request(`${members}/${admin.userId}`, { method: "DELETE" })).status).toBe(409);
    await admin.request(`${members}/${editor.userId}`, { method: "PATCH", body: { role: "ADMIN" } });
    expect((await admin.request(`${members}/${admin.userId}`, { method: "DELETE" })).status).toBe(204);
    expect(await db.prisma.membership.count({ where: { organizationId: admin.organizationId } })).toBe(1);
  });

  it("keeps one admin when two admins demote each other at the same time", async () => {
    const { admin, editor, members } = await organizationWithEditor();
    await admin.request(`${members}/${editor.userId}`, { method: "PATCH", body: { role: "ADMIN" } });
    const results = await Promise.all([
      admin.request(`${members}/${editor.userId}`, { method: "PATCH", body: { role: "VIEWER" } }),
      editor.request(`${members}/${admin.userId}`, { method: "PATCH", body: { role: "VIEWER" } }),
    ]);
    expect(results.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(await db.prisma.membership.count({ where: { organizationId: admin.organizationId, role: "ADMIN" } })).toBe(
      1,
    );
  });

  it("lets a member leave, and refuses an editor removing someone else with 403", async () => {
    const { admin, editor, members } = await organizationWithEditor();
    expect((await editor.request(`${members}/${admin.userId}`, { method: "DELETE" })).status).toBe(403);
    expect((await editor.request(`${members}/${editor.userId}`, { method: "DELETE" })).status).toBe(204);
    expect((await editor.request(members)).status).toBe(403);
  });

  it("answers 404 for a user who is not a member", async () => {
    const { admin, members } = await organizationWithEditor();
    const stranger = await signInMember(app, db, "RECYCLER");
    const response = await admin.request(`${members}/${stranger.userId}`, { method: "PATCH", body: { role: "ADMIN" } });
    expect(response.status).toBe(404);
    expect(await db.prisma.membership.count({ where: { organizationId: admin.organizationId } })).toBe(2);
  });
});

describe("invitations", () => {
  it("invites a wallet, which sees the invitation after signing in and joins with the role by accepting", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const invitee = await signedInUser();
    const created = await admin.request(`/organizations/${admin.organizationId}/invitations`, {
      method: "POST",
      body: { address: invitee.address.toUpperCase().replace("0X", "0x"), role: "EDITOR" },
    });
    expect(created.status).toBe(201);
    const invitation = (await created.json()) as { id: string; address: string; invitedBy: string };
    expect(invitation).toMatchObject({ address: invitee.address, invitedBy: admin.address });

    const mine = (await (await invitee.request("/invitations")).json()) as { items: Array<{ id: string }> };
    expect(mine.items.map((item) => item.id)).toEqual([invitation.id]);
    const open = (await (await admin.request(`/organizations/${admin.organizationId}/invitations`)).json()) as {
      items: Array<{ id: string }>;
    };
    expect(open.items.map((item) => item.id)).toEqual([invitation.id]);

    const accepted = await invitee.request(`/invitations/${invitation.id}/accept`, { method: "POST" });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ id: admin.organizationId, role: "EDITOR" });
    expect((await invitee.request(`/organizations/${admin.organizationId}/members`)).status).toBe(200);
    expect(((await (await invitee.request("/invitations")).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await invitee.request(`/invitations/${invitation.id}/accept`, { method: "POST" })).status).toBe(404);
  });

  it("refuses an invitation accepted by another wallet with 404, and it stays open", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const invitee = await signedInUser();
    const other = await signedInUser();
    const invitation = (await (
      await admin.request(`/organizations/${admin.organizationId}/invitations`, {
        method: "POST",
        body: { address: invitee.address, role: "ADMIN" },
      })
    ).json()) as { id: string };
    expect((await other.request(`/invitations/${invitation.id}/accept`, { method: "POST" })).status).toBe(404);
    expect((await other.request(`/invitations/${invitation.id}/decline`, { method: "POST" })).status).toBe(404);
    expect(await db.prisma.membership.count({ where: { organizationId: admin.organizationId } })).toBe(1);
    expect((await invitee.request(`/invitations/${invitation.id}/accept`, { method: "POST" })).status).toBe(200);
  });

  it("refuses a second open invitation and an invitation of a member with 409", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const invitee = await signedInUser();
    const invitations = `/organizations/${admin.organizationId}/invitations`;
    expect(
      (await admin.request(invitations, { method: "POST", body: { address: invitee.address, role: "VIEWER" } })).status,
    ).toBe(201);
    expect(
      (await admin.request(invitations, { method: "POST", body: { address: invitee.address, role: "EDITOR" } })).status,
    ).toBe(409);
    expect(
      (await admin.request(invitations, { method: "POST", body: { address: admin.address, role: "EDITOR" } })).status,
    ).toBe(409);
  });

  it("does not let an expired invitation be accepted, and lets the admin invite again", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const invitee = await signedInUser();
    const invitations = `/organizations/${admin.organizationId}/invitations`;
    const invitation = (await (
      await admin.request(invitations, { method: "POST", body: { address: invitee.address, role: "VIEWER" } })
    ).json()) as { id: string };
    await db.prisma.organizationInvitation.update({
      where: { id: invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await invitee.request(`/invitations/${invitation.id}/accept`, { method: "POST" })).status).toBe(404);
    expect(
      (await admin.request(invitations, { method: "POST", body: { address: invitee.address, role: "VIEWER" } })).status,
    ).toBe(201);
  });

  it("lets an admin revoke and the invitee decline; both close the invitation", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const invitations = `/organizations/${admin.organizationId}/invitations`;
    const first = await signedInUser();
    const second = await signedInUser();
    const revoked = (await (
      await admin.request(invitations, { method: "POST", body: { address: first.address, role: "VIEWER" } })
    ).json()) as { id: string };
    const declined = (await (
      await admin.request(invitations, { method: "POST", body: { address: second.address, role: "VIEWER" } })
    ).json()) as { id: string };
    expect((await admin.request(`${invitations}/${revoked.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await second.request(`/invitations/${declined.id}/decline`, { method: "POST" })).status).toBe(204);
    expect((await first.request(`/invitations/${revoked.id}/accept`, { method: "POST" })).status).toBe(404);
    expect((await second.request(`/invitations/${declined.id}/accept`, { method: "POST" })).status).toBe(404);
    expect(await db.prisma.membership.count({ where: { organizationId: admin.organizationId } })).toBe(1);
  });

  it("refuses invitations by an editor with 403 and a malformed address with 422", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const editor = await signInMember(app, db, "MANUFACTURER");
    await db.prisma.membership.create({
      data: { organizationId: admin.organizationId, userId: editor.userId, role: "EDITOR" },
    });
    const invitations = `/organizations/${admin.organizationId}/invitations`;
    const invitee = await signedInUser();
    expect(
      (await editor.request(invitations, { method: "POST", body: { address: invitee.address, role: "ADMIN" } })).status,
    ).toBe(403);
    expect(
      (await admin.request(invitations, { method: "POST", body: { address: "0x1234", role: "ADMIN" } })).status,
    ).toBe(422);
  });
});
