import { uuidv7 } from 'uuidv7';

/** Record ids are made here, not by the database: UUIDv7 sorts by time and needs no sequence. */
export const newId = (): string => uuidv7();

export const nowIso = (): string => new Date().toISOString();
