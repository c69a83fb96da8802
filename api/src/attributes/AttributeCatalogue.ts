import type { Database } from "../database/Database.ts";
import type { AttributeDefinition, AttributeValidation, BatteryPassMapping } from "./AttributeDefinition.ts";

/**
 * The attribute catalogue, read once per process: it changes only through migrations, which ship
 * with a deploy and so a restart.
 */
export class AttributeCatalogue {
  readonly definitions: readonly AttributeDefinition[];
  private readonly byKey: Map<string, AttributeDefinition>;
  private readonly byId: Map<number, AttributeDefinition>;

  constructor(definitions: AttributeDefinition[]) {
    this.definitions = [...definitions].sort((a, b) => a.id - b.id);
    this.byKey = new Map(definitions.map((definition) => [definition.key, definition]));
    this.byId = new Map(definitions.map((definition) => [definition.id, definition]));
  }

  findByKey(key: string): AttributeDefinition | undefined {
    return this.byKey.get(key);
  }

  getById(id: number): AttributeDefinition {
    const definition = this.byId.get(id);
    if (!definition) throw new Error(`attribute ${id} is not in the catalogue`);
    return definition;
  }
}

const loaded = new WeakMap<Database, Promise<AttributeCatalogue>>();

export function getAttributeCatalogue(db: Database): Promise<AttributeCatalogue> {
  let catalogue = loaded.get(db);
  if (!catalogue) {
    catalogue = db.prisma.attributeDefinition.findMany().then(
      (rows) =>
        new AttributeCatalogue(
          rows.map(({ validation, valueSchema, batteryPass, ...row }) => ({
            ...row,
            validation: validation as AttributeValidation,
            valueSchema: valueSchema as Record<string, unknown> | null,
            batteryPass: batteryPass as BatteryPassMapping | null,
          })),
        ),
    );
    catalogue.catch(() => loaded.delete(db));
    loaded.set(db, catalogue);
  }
  return catalogue;
}
