import { namesAlike } from './names.js';

export interface Person {
  id?: string;
  nameLatin: string;
  birthDate: string;
  employerId: string | null;
  groupId: string | null;
}

/**
 * A close name with the same birth date in the same employer or village is probably the same
 * person registered twice: the registrar must look before going on.
 */
export function possibleDuplicates<T extends Person>(person: Person, candidates: T[]): T[] {
  return candidates.filter(
    (c) =>
      c.id !== person.id &&
      c.birthDate === person.birthDate &&
      (person.employerId ? c.employerId === person.employerId : true) &&
      (person.groupId && !person.employerId ? c.groupId === person.groupId : true) &&
      namesAlike(c.nameLatin, person.nameLatin),
  );
}
