/** A member an import found already registered, or is registering. */
export interface Registered {
  id: string;
  household_id: string;
}

/**
 * The people an import has sent to be written and whose writing may not be committed yet, by
 * the keys an import recognises a person by. The next import of the scheme plans while the one
 * before it is still being written, and looks here for what the database cannot show it yet.
 */
export class InFlight {
  readonly byNationalId = new Map<string, Registered>();
  /** By `${employerId}:${factoryCardNumber}`. */
  readonly byCard = new Map<string, Registered>();
  /** By the row's source key (sourceKeyOf), for people with neither. */
  readonly bySource = new Map<string, Registered>();
  /** Settles once all of it is committed or refused. */
  written: Promise<void> = Promise.resolve();
}

const registers = new WeakMap<object, Map<string, Set<InFlight>>>();

/** The imports of a scheme whose writing is under way, on one database. */
export function inFlightOf(database: object, schemeId: string): Set<InFlight> {
  let byScheme = registers.get(database);
  if (!byScheme) registers.set(database, (byScheme = new Map()));
  let set = byScheme.get(schemeId);
  if (!set) byScheme.set(schemeId, (set = new Set()));
  return set;
}
