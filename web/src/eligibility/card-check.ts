import { checkCardCode, type CardCheck, type CardKey } from '../../../src/registry/cards/claim169';
import { api } from '../api';

/**
 * The offline half of the desk: the scheme's public keys, fetched whenever the network is there
 * and kept in the browser, so a card's QR code can be checked with no network at all. The check
 * itself is the server's own code (src/registry/cards/claim169.ts), run here.
 */

const KEYS = 'riskpool.cardKeys';

interface KeptKeys {
  schemeId: string | null;
  keys: { kid: string; publicKey: string }[];
}

const bytes = (base64url: string) =>
  Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** Fetches the keys and keeps them; answers the kept ones when the network is down. */
export async function refreshCardKeys(schemeId: string | null): Promise<void> {
  try {
    const fresh = await api<{ keys: KeptKeys['keys'] }>('/api/v1/cards/keys');
    localStorage.setItem(KEYS, JSON.stringify({ schemeId, keys: fresh.keys } satisfies KeptKeys));
  } catch {
    // Offline, or no right to read them: the keys kept before stay.
  }
}

export function keptCardKeys(schemeId: string | null): CardKey[] {
  try {
    const kept = JSON.parse(localStorage.getItem(KEYS) ?? 'null') as KeptKeys | null;
    if (!kept || kept.schemeId !== schemeId) return [];
    return kept.keys.map((k) => ({ kid: k.kid, publicKey: bytes(k.publicKey) }));
  } catch {
    return [];
  }
}

export const today = () => new Date().toISOString().slice(0, 10);

export function checkCardOffline(code: string, schemeId: string | null): Promise<CardCheck> {
  return checkCardCode(code, keptCardKeys(schemeId), today());
}

/** The photo carried in the code, as a URL an <img> can show. */
export function photoUrl(photo: Uint8Array | null): string | null {
  return photo ? URL.createObjectURL(new Blob([photo as Uint8Array<ArrayBuffer>], { type: 'image/webp' })) : null;
}
