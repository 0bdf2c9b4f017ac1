import type { AbortSignalLike } from '../../ports/lock.js';

/** How an operation ended, seen from the runner. */
export type Guarded<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'threw'; readonly error: unknown } | { readonly kind: 'aborted' };

/**
 * Starts `start()` unless `signal` is aborted, and settles as soon as it settles or `signal`
 * aborts, whichever is first. An operation still running after an abort is added to `inFlight`
 * so the caller can keep the lock until it settles. A throw after an abort counts as `aborted`.
 */
export function guardOperation<T>(start: () => Promise<T>, signal: AbortSignalLike, inFlight: Set<Promise<unknown>>): Promise<Guarded<T>> {
  if (signal.aborted) return Promise.resolve({ kind: 'aborted' });
  let running: Promise<T>;
  try {
    running = start();
  } catch (error) {
    running = Promise.reject(error);
  }
  const settled = running.then(
    (value): Guarded<T> => ({ kind: 'done', value }),
    (error: unknown): Guarded<T> => (signal.aborted ? { kind: 'aborted' } : { kind: 'threw', error }),
  );
  inFlight.add(settled);
  void settled.finally(() => inFlight.delete(settled));
  return new Promise<Guarded<T>>((resolve) => {
    const onAbort = (): void => resolve({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then((outcome) => {
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    });
  });
}

/** A readable message for anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : String(error);
}
