import type { TransportResponse } from '../../ports/transport.js';
import type { ActiveContext } from './active-context.js';
import { PageAbort } from './pull-abort.js';

/** A page as received: the response and how long its round trip took. */
export type FetchedPage = { readonly response: TransportResponse; readonly elapsedMs: number };

/** One page request in flight: awaited later (a prefetch), or cancelled. */
export type PageRequest<T> = { readonly result: Promise<T>; cancel(): void };

/**
 * Starts the GET of one pull page, outside any store transaction, and then `ready` on it as soon
 * as it arrives (the pull decodes it there, in the time the page before spends waiting on the
 * store). The request has its own abort signal, linked to the operation's (`ctx.signal`), so that
 * a prefetched page can be cancelled alone when the import of the page before it fails. A
 * rejection is marked handled here: a cancelled prefetch is never awaited; an awaited one still
 * rejects.
 */
export function requestPage<T>(
  ctx: ActiveContext,
  url: string,
  timeoutMs: number,
  onDownloadProgress: (bytes: number) => void,
  ready: (page: FetchedPage) => Promise<T>,
): PageRequest<T> {
  const abort = new PageAbort(ctx.signal);
  const started = ctx.clock.now();
  const result = ctx.transport
    .request({ method: 'GET', url, timeoutMs, signal: abort, onDownloadProgress })
    .then((response) => ({ response, elapsedMs: ctx.clock.now() - started }))
    .finally(() => abort.release())
    .then(ready);
  result.catch(() => undefined);
  return { result, cancel: () => abort.abort() };
}
