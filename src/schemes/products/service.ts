import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import type { Actor } from '../../platform/audit/audit.js';
import { invalid } from '../../platform/http/problem.js';
import { pageByName } from '../../platform/db/records.js';
import * as versions from '../../platform/db/versions.js';
import type { NewProduct, NewProductVersion, Product, ProductDefinition, ProductQuery } from './schemas.js';

type Definition = z.infer<typeof ProductDefinition>;

export const PRODUCTS: versions.Versioned = {
  record: 'product',
  version: 'product_version',
  parent: 'product_id',
  what: 'product',
};

export async function listProducts(db: Db, scope: Scope, q: z.infer<typeof ProductQuery>) {
  const query = db.kysely.selectFrom('product').selectAll().where('scheme_id', '=', scope.schemeId);
  const result = await pageByName(query, q);
  return {
    items: await versions.withVersions<Definition>(db.kysely, PRODUCTS, scope.schemeId, result.items),
    nextCursor: result.nextCursor,
  };
}

export async function getProduct(db: Db, scope: Scope, id: string): Promise<z.infer<typeof Product>> {
  const product = await versions.findRecord(db.kysely, PRODUCTS, scope, id);
  return (await versions.withVersions<Definition>(db.kysely, PRODUCTS, scope.schemeId, [product]))[0]!;
}

/** The version in force on a day: claims are judged by the version in force on the day of care. */
export const productInForce = (db: Executor, scope: Scope, productId: string, date: string) =>
  versions.versionInForce<Definition>(db, PRODUCTS, scope, productId, date);

/** The version in force as kept a few seconds (see Memo): every desk check reads it. Not to be changed. */
export const keptProductInForce = (db: Db, scope: Scope, productId: string, date: string) =>
  db.memo.get(`product:${scope.schemeId}:${productId}:${date}`, () =>
    productInForce(db.kysely, scope, productId, date),
  );

/** Product names by id as kept a few seconds (see Memo): every member's cover names its products. */
export const keptProductNames = (db: Db, schemeId: string) =>
  db.memo.get(`product:${schemeId}:names`, async () => {
    const rows = await db.kysely
      .selectFrom('product')
      .select(['id', 'name'])
      .where('scheme_id', '=', schemeId)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  });

/** The categories named must be in the scheme's catalogue, and the rule must be the scheme's. */
async function checkReferences(db: Executor, scope: Scope, d: Definition) {
  const named = d.categories.map((c) => c.category);
  if (named.length) {
    const known = new Set(
      (
        await db
          .selectFrom('care_category')
          .select('code')
          .where('scheme_id', '=', scope.schemeId)
          .where('code', 'in', named)
          .execute()
      ).map((c) => c.code),
    );
    const unknown = named.filter((c) => !known.has(c));
    if (unknown.length) {
      throw invalid('definition.categories', `names care categories the scheme does not have: ${unknown.join(', ')}`);
    }
  }
  if (d.contributionRuleId) {
    const rule = await db
      .selectFrom('contribution_rule')
      .select('id')
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', d.contributionRuleId)
      .executeTakeFirst();
    if (!rule) throw invalid('definition.contributionRuleId', 'is not a contribution rule of the scheme');
  }
}

export async function createProduct(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewProduct>) {
  const created = await db.kysely.transaction().execute(async (tx) => {
    await checkReferences(tx, scope, input.version.definition);
    return versions.insertRecord(tx, actor, PRODUCTS, scope, input);
  });
  db.memo.forget(`product:${scope.schemeId}:`);
  return created;
}

/** A change of the product from a day on; care before that day is judged by the version then. */
export async function addProductVersion(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  input: z.infer<typeof NewProductVersion>,
) {
  await db.kysely.transaction().execute(async (tx) => {
    await versions.findRecord(tx, PRODUCTS, scope, id);
    await checkReferences(tx, scope, input.definition);
    await versions.insertVersion(tx, actor, PRODUCTS, scope, id, input);
  });
  db.memo.forget(`product:${scope.schemeId}:`);
  return getProduct(db, scope, id);
}
