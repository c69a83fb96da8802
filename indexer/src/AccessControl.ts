/**
 * OpenZeppelin AccessControl events, shared by every contract that inherits it: one membership
 * row per (contract, role, account) plus the history.
 */
import { ponder } from "ponder:registry";
import { roleEvent, roleMember } from "ponder:schema";

const ACCESS_CONTROLLED = [
  "FeeRouter",
  "PassportRegistry",
  "UnitToken",
  "RepairRegistry",
  "Marketplace",
  "Staking",
  "LeaseManager",
] as const;

for (const name of ACCESS_CONTROLLED) {
  ponder.on(`${name}:RoleGranted`, async ({ event, context }) => {
    const { role, account, sender } = event.args;
    const at = { blockNumber: event.block.number, timestamp: event.block.timestamp };
    const contract = event.log.address;
    await context.db
      .insert(roleMember)
      .values({ contract, role, account, isMember: true, updatedAtBlock: at.blockNumber })
      .onConflictDoUpdate({ isMember: true, updatedAtBlock: at.blockNumber });
    await context.db
      .insert(roleEvent)
      .values({ id: event.id, contract, kind: "Granted", role, account, sender, ...at });
  });

  ponder.on(`${name}:RoleRevoked`, async ({ event, context }) => {
    const { role, account, sender } = event.args;
    const at = { blockNumber: event.block.number, timestamp: event.block.timestamp };
    const contract = event.log.address;
    await context.db
      .insert(roleMember)
      .values({ contract, role, account, isMember: false, updatedAtBlock: at.blockNumber })
      .onConflictDoUpdate({ isMember: false, updatedAtBlock: at.blockNumber });
    await context.db
      .insert(roleEvent)
      .values({ id: event.id, contract, kind: "Revoked", role, account, sender, ...at });
  });

  ponder.on(`${name}:RoleAdminChanged`, async ({ event, context }) => {
    const { role, previousAdminRole, newAdminRole } = event.args;
    await context.db.insert(roleEvent).values({
      ...{ id: event.id, contract: event.log.address, kind: "AdminChanged", role, previousAdminRole, newAdminRole },
      ...{ blockNumber: event.block.number, timestamp: event.block.timestamp },
    });
  });
}
