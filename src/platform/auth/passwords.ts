import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// The library's default algorithm is argon2id with OWASP's recommended memory and time costs.
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash matches nothing
  }
}

/** The rule every new password meets; returns the reason it does not, or null. */
export function passwordWeakness(password: string): string | null {
  if (password.length < 10) return 'must be at least 10 characters long';
  if (password.length > 200) return 'must be at most 200 characters long';
  return null;
}

/** A password for an account nobody has chosen one for yet: shown once, never stored in clear. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
