import Dexie from 'dexie';

/** Why a local-store operation failed; each code has one human message in {@link STORE_ERROR_MESSAGES}. */
export type StoreErrorCode = 'quota' | 'closed' | 'not-found' | 'invalid' | 'unavailable' | 'failed';

/** Human messages, one per code (architecture section 5). */
export const STORE_ERROR_MESSAGES: Readonly<Record<StoreErrorCode, string>> = {
  quota: 'The device storage is full, so nothing was saved. Free some space and try again.',
  closed: 'The local database is closed (another tab may have upgraded it). Reload the app.',
  'not-found': 'The record does not exist in the local store.',
  invalid: 'The data could not be stored because it is not valid.',
  unavailable: 'Local storage (IndexedDB) is not available here.',
  failed: 'The local database reported an unexpected error.',
};

/** A failure of the local store; `cause` keeps the original Dexie or IndexedDB error. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  readonly detail: string | null;

  constructor(code: StoreErrorCode, detail: string | null = null, cause?: unknown) {
    super(detail === null ? STORE_ERROR_MESSAGES[code] : `${STORE_ERROR_MESSAGES[code]} (${detail})`, { cause });
    this.code = code;
    this.detail = detail;
  }
}

const CODE_BY_NAME: Readonly<Record<string, StoreErrorCode>> = {
  QuotaExceededError: 'quota',
  DatabaseClosedError: 'closed',
  VersionChangeError: 'closed',
  InvalidStateError: 'closed',
  DataError: 'invalid',
  DataCloneError: 'invalid',
  ConstraintError: 'invalid',
  InvalidArgumentError: 'invalid',
  InvalidTableError: 'invalid',
  MissingAPIError: 'unavailable',
  OpenFailedError: 'unavailable',
  SecurityError: 'unavailable',
};

/** The names along an error's `inner`/`cause` chain, outermost first (Dexie wraps IndexedDB errors). */
function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner ?? cause;
  }
  return names;
}

function isStorageError(error: unknown): boolean {
  if (error instanceof Dexie.DexieError) return true;
  return typeof DOMException !== 'undefined' && error instanceof DOMException;
}

/**
 * Maps a Dexie or IndexedDB error to a {@link StoreError}; returns any other value unchanged, so that
 * errors thrown by the caller's own code inside `write` keep their identity.
 * A quota error anywhere in the chain wins (a full disk surfaces as an AbortError wrapping it).
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreError || !isStorageError(error)) return error;
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) return new StoreError('quota', null, error);
  const code = names.map((name) => CODE_BY_NAME[name]).find((found) => found !== undefined) ?? 'failed';
  const detail = error instanceof Error ? error.message : null;
  return new StoreError(code, detail, error);
}

/** Runs `operation`, rethrowing storage failures as {@link StoreError}. */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStoreError(error);
  }
}
