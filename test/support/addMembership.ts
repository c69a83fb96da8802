import pg from "pg";

/**
 * Makes the wallet `address` a member of `organization` (created when missing) in the product's
 * database, as an organization admin would through the api: the demo seed gives each dev account
 * only one membership.
 */
export async function addMembership(
  databaseUrl: string,
  params: { address: string; organization: { id: string; name: string; kind: string }; role: string },
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { id, name, kind } = params.organization;
    await client.query(
      `insert into app.organization (id, name, kind) values ($1, $2, $3::app."OrganizationKind")
       on conflict (id) do nothing`,
      [id, name, kind],
    );
    await client.query(
      `insert into app.membership (organization_id, user_id, role)
       select $1, u.id, $3::app."MembershipRole" from app."user" u where u.address = $2
       on conflict (organization_id, user_id) do nothing`,
      [id, params.address.toLowerCase(), params.role],
    );
  } finally {
    await client.end();
  }
}
