import { randomBytes, randomFillSync } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * Random numbers for the ids, 4 KB drawn at a time: the library's own source draws 32 bytes at a
 * time, and an import making three ids a member spent a twentieth of its main thread drawing.
 */
class BufferedRandom {
  private readonly buffer = new Uint32Array(1024);
  private cursor = this.buffer.length;

  nextUint32(): number {
    if (this.cursor === this.buffer.length) {
      randomFillSync(this.buffer);
      this.cursor = 0;
    }
    return this.buffer[this.cursor++]!;
  }
}

const ids = new V7Generator(new BufferedRandom());

/** Record ids are made here, not by the database: UUIDv7 sorts by time and needs no sequence. */
export const newId = (): string => ids.generate().toString();

// Crockford's base 32 in lower case: no i, l, o or u to misread. 32 letters, so each random byte
// picks one by its low five bits without favouring any.
const LETTERS = '0123456789abcdefghjkmnpqrstvwxyz';

/** A random id of `length` letters and digits (five bits each): for a key that must be short. */
export function newShortId(length: number): string {
  let id = '';
  for (const byte of randomBytes(length)) id += LETTERS[byte & 31];
  return id;
}

export const nowIso = (): string => new Date().toISOString();
