import type { z } from '@hono/zod-openapi';
import type { Db } from '../platform/db/database.js';
import type { Scope } from '../platform/http/context.js';
import { invalid } from '../platform/http/problem.js';
import { today } from '../platform/dates.js';
import { memberByNumber, members } from '../registry/members/repo.js';
import { pathInScope } from '../registry/areas/limits.js';
import { checkCard } from '../registry/cards/service.js';
import { keptMemberPrefix, searchByName } from '../registry/members/service.js';
import { parseMemberNumber } from '../registry/members/member-number.js';
import { keptProductInForce } from '../schemes/products/service.js';
import { keptCategoryCodes, keptCategorySettings } from '../schemes/products/categories.js';
import { ceilingLeft, usedInYear } from './ceilings.js';
import { coverageOf } from '../coverage/service.js';
import { decide, type CategoryTerms } from './decide.js';
import type { EligibilityAnswer, EligibilityQuery } from './schemas.js';

type CheckedCard = Awaited<ReturnType<typeof checkCard>>;

/**
 * A member's eligibility on a day (for one category, or all the product names), with the product
 * version it was judged by: the desk check and claims adjudication ask the same question.
 */
export async function memberEligibility(
  db: Db,
  scope: Scope,
  member: { id: string; status: string },
  date: string,
  category?: string,
  options: { ceilingsLeft?: boolean } = {},
) {
  const coverage = await coverageOf(db, scope, member, date);
  const covering = coverage.periods.find((p) => p.covered);
  const product = covering ? await keptProductInForce(db, scope, covering.productId, date).catch(() => null) : null;
  const terms: CategoryTerms[] | null = product
    ? product.definition.categories
        .filter((c) => !category || c.category === category)
        .map((c) => ({
          category: c.category,
          covered: c.covered,
          waitingDays: c.waitingDays,
          ceilingPerMember: c.ceilingPerMember,
        }))
    : null;
  // A category the product does not name is not covered by it.
  if (category && terms && !terms.length) {
    terms.push({ category, covered: false, waitingDays: 0, ceilingPerMember: null });
  }
  const answer = decide(coverage, terms);
  const ceilings = product?.definition.ceilings ?? {
    perMember: null,
    inpatientPerMember: null,
    outpatientPerMember: null,
  };
  // Only a product with ceilings costs the check a read of what the member has used; claims,
  // which read it themselves, do without.
  const hasCeilings =
    options.ceilingsLeft !== false &&
    answer.covered &&
    (ceilings.perMember !== null ||
      ceilings.inpatientPerMember !== null ||
      ceilings.outpatientPerMember !== null ||
      answer.categories.some((c) => c.ceilingPerMember !== null));
  if (!hasCeilings)
    return { answer: { ...answer, categories: answer.categories.map((c) => ({ ...c, ceilingLeft: null })) }, product };
  const [used, settings] = await Promise.all([
    usedInYear(db, scope.schemeId, member.id, date),
    keptCategorySettings(db, scope.schemeId),
  ]);
  return {
    answer: {
      ...answer,
      categories: answer.categories.map((c) => ({
        ...c,
        ceilingLeft: ceilingLeft({ ...c, setting: settings.get(c.category) }, ceilings, used),
      })),
    },
    product,
  };
}

/** The people the query names: by member number (its check digit verified first), factory card, national ID, name, or the card checked. */
async function find(db: Db, scope: Scope, q: z.infer<typeof EligibilityQuery>, checked: CheckedCard | null) {
  if (checked) {
    const { card, claims } = checked;
    const rows = await memberByNumber(db, scope, claims.memberNumber);
    return rows.filter((m) => m.id === card.member_id && pathInScope(scope, m.area_path));
  }
  if (q.member !== undefined) {
    const parsed = parseMemberNumber(await keptMemberPrefix(db, scope.schemeId), q.member);
    // A mistyped number is answered as mistyped, never as whoever it happens to name.
    if (!parsed.ok) throw invalid('member', parsed.reason);
    const rows = await memberByNumber(db, scope, parsed.number);
    return rows.filter((m) => pathInScope(scope, m.area_path));
  }
  // Built only here: a desk check by number, thousands a second, has no use for it.
  let query = members(db.kysely, scope);
  if (q.fid !== undefined) {
    query = query.where('factory_card_number', '=', q.fid);
    if (q.employer) {
      query = query.where('employer_id', 'in', (eb) =>
        eb.selectFrom('employer').select('id').where('scheme_id', '=', scope.schemeId).where('code', '=', q.employer!),
      );
    }
  } else if (q.nid !== undefined) {
    query = query.where('national_id', '=', q.nid);
  } else {
    // The closest few by name, in the order the name search ranks them.
    const ids = (await searchByName(db.kysely, scope, q.name!, 5)).map((m) => m.id);
    if (!ids.length) return [];
    const rows = await query.where('id', 'in', ids).execute();
    return ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
  }
  return query.orderBy('member_number').limit(10).execute();
}

export async function checkEligibility(
  db: Db,
  scope: Scope,
  q: z.infer<typeof EligibilityQuery>,
): Promise<z.infer<typeof EligibilityAnswer>> {
  const date = q.date ?? today();
  if (q.category && !(await keptCategoryCodes(db, scope.schemeId)).has(q.category)) {
    throw invalid('category', `is not a care category of the scheme`);
  }
  const matches = [];
  // The card's signature, dates and standing first: a bad card says nothing about anyone. It is
  // judged on the day it is shown; the cover, on the day of care.
  const checked = q.card ? await checkCard(db, scope, q.card, today()) : null;
  const card = checked
    ? { id: checked.card.id, validFrom: checked.card.valid_from, validUntil: checked.card.valid_until }
    : null;
  for (const m of await find(db, scope, q, checked)) {
    const { answer } = await memberEligibility(db, scope, m, date, q.category);
    matches.push({
      memberId: m.id,
      memberNumber: m.member_number,
      nameLatin: m.name_latin,
      nameLocal: m.name_local,
      birthDate: m.birth_date,
      sex: m.sex,
      photoUrl: m.has_photo ? `/api/v1/members/${m.id}/photo` : null,
      date,
      card,
      ...answer,
    });
  }
  return { matches };
}
