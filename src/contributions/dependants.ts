/**
 * Whether a product covers a member of the household as a dependant on a day. Pure: a product
 * covering the household covers the relations it names, children only up to its age limit on the
 * day (the first day of a declared month, the first of a cycle). Heads are covered in their own
 * right (a worker by their declaration, a household's head by its premium).
 */

export interface DependantTerms {
  covers: 'member' | 'household';
  dependants: { relations: string[]; childMaxAge: number | null } | null;
}

export const ageOn = (birthDate: string, day: string) =>
  Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (day.slice(5) < birthDate.slice(5) ? 1 : 0);

export function coversDependant(
  terms: DependantTerms,
  member: { relation: string; birth_date: string },
  day: string,
): boolean {
  if (terms.covers !== 'household' || !terms.dependants) return false;
  if (!terms.dependants.relations.includes(member.relation)) return false;
  const maxAge = terms.dependants.childMaxAge;
  return member.relation !== 'child' || maxAge === null || ageOn(member.birth_date, day) <= maxAge;
}
