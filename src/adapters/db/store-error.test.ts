import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { STORE_ERROR_MESSAGES, StoreError, toStoreError } from './store-error.js';

describe('toStoreError', () => {
  it('maps a quota error anywhere in Dexie’s chain to quota', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    const aborted = new Dexie.AbortError('Transaction aborted', quota);
    const mapped = toStoreError(aborted);
    expect(mapped).toBeInstanceOf(StoreError);
    expect(mapped).toMatchObject({ code: 'quota', message: STORE_ERROR_MESSAGES.quota, cause: aborted });
    expect(toStoreError(new Dexie.QuotaExceededError('full'))).toMatchObject({ code: 'quota' });
  });

  it('maps closed, invalid and unknown storage errors by name', () => {
    expect(toStoreError(new Dexie.DatabaseClosedError())).toMatchObject({ code: 'closed' });
    expect(toStoreError(new DOMException('bad key', 'DataError'))).toMatchObject({ code: 'invalid' });
    expect(toStoreError(new Dexie.ConstraintError('dup'))).toMatchObject({ code: 'invalid' });
    expect(toStoreError(new Dexie.MissingAPIError('no idb'))).toMatchObject({ code: 'unavailable' });
    expect(toStoreError(new Dexie.UnknownError('?'))).toMatchObject({ code: 'failed' });
  });

  it('leaves errors that are not from storage unchanged', () => {
    const own = new Error('engine');
    expect(toStoreError(own)).toBe(own);
    const store = new StoreError('not-found', 'x');
    expect(toStoreError(store)).toBe(store);
    expect(store.message).toBe(`${STORE_ERROR_MESSAGES['not-found']} (x)`);
  });
});
