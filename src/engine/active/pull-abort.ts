import type { AbortSignalLike } from '../../ports/transport.js';

/**
 * An abort signal of one page request (the prefetch of the next page), also aborted by its
 * parent (the operation's signal). `abort()` cancels just this request. No DOM typings needed.
 */
export class PageAbort implements AbortSignalLike {
  #aborted = false;
  #reason: unknown = undefined;
  readonly #listeners = new Set<() => void>();
  readonly #parent: AbortSignalLike | undefined;
  readonly #onParentAbort = (): void => this.abort(this.#parent?.reason);

  constructor(parent?: AbortSignalLike) {
    this.#parent = parent;
    if (parent?.aborted) this.abort(parent.reason);
    else parent?.addEventListener('abort', this.#onParentAbort, { once: true });
  }

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  addEventListener(type: 'abort', listener: () => void): void {
    if (type === 'abort') this.#listeners.add(listener);
  }

  removeEventListener(type: 'abort', listener: () => void): void {
    if (type === 'abort') this.#listeners.delete(listener);
  }

  /** Aborts (once) and tells the listeners; stops following the parent. */
  abort(reason?: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.release();
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    for (const listener of listeners) listener();
  }

  /** Stops following the parent (the request is over); does not abort. */
  release(): void {
    this.#parent?.removeEventListener('abort', this.#onParentAbort);
  }
}
