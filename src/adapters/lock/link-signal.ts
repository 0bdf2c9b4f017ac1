import type { AbortSignalLike } from '../../ports/lock.js';

/** A real `AbortSignal` that follows `source` and can also be aborted on its own. */
export type LinkedSignal = {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  /** Stops following `source`; call it when the work is over. */
  dispose(): void;
};

/** Why an aborted signal aborted: its `reason`, or a standard `AbortError`. */
export function abortReason(signal: AbortSignalLike): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Makes a real `AbortSignal` that aborts when `source` (if any) aborts, e.g. to hand to `fetch`. */
export function linkSignal(source?: AbortSignalLike): LinkedSignal {
  const controller = new AbortController();
  const follow = (): void => {
    if (source !== undefined) controller.abort(abortReason(source));
  };
  if (source?.aborted === true) follow();
  else source?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => source?.removeEventListener('abort', follow),
  };
}
