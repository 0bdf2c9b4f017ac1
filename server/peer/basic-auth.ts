import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A demo account. `canSync: false` mirrors Eden's role-less user, which gets 403 on sync. */
export type DemoUser = { readonly username: string; readonly password: string; readonly canSync: boolean };

/** The demo peer's default account (printed by `npm start`; it guards demo data only). */
export const DEFAULT_DEMO_USER: DemoUser = { username: 'demo@example.com', password: 'eden-sync-demo', canSync: true };

export type AuthOutcome =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'user'; readonly user: DemoUser };

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison of two strings of any length. */
function sameText(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Checks `Authorization: Basic ...` against the demo accounts (spec 2.2). Usernames are e-mails,
 * compared case-insensitively like Eden; passwords exactly.
 */
export function authenticate(req: IncomingMessage, users: readonly DemoUser[]): AuthOutcome {
  const header = req.headers.authorization;
  if (header === undefined) return { kind: 'anonymous' };
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match === null) return { kind: 'rejected' };
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return { kind: 'rejected' };
  const username = decoded.slice(0, colon).toLowerCase();
  const password = decoded.slice(colon + 1);
  let found: DemoUser | null = null;
  for (const user of users) {
    const nameMatches = sameText(user.username.toLowerCase(), username);
    const passwordMatches = sameText(user.password, password);
    if (nameMatches && passwordMatches) found = user;
  }
  return found === null ? { kind: 'rejected' } : { kind: 'user', user: found };
}
