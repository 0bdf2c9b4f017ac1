import type { Repository, SyncTask } from '../core/model/sync.js';
import type { Clock } from '../ports/clock.js';
import type { LocalStore } from '../ports/local-store.js';
import { type ActiveExtras, activeContext } from './active/active-context.js';
import { login, loginError } from './active/login.js';
import { pull, type PullOnConflict, type PullResult } from './active/pull.js';
import { push, type PushResult } from './active/push.js';
import { register } from './active/register.js';
import { receive, type ReceiveOptions, type ReceiveOutcome, type ReceiveSource } from './receive/receive.js';
import { send, type SendOptions, type SendOutcome } from './send/send.js';
import type { RunEvent, RunReport } from './runner/run-report.js';
import type { AbortSignalLike, SyncLock } from '../ports/lock.js';
import { synchronize } from './synchronize.js';

/** What an {@link EdenSyncAdapter} works with; the clock is injected (the engine never reads Date.now). */
export type EdenSyncAdapterOptions = {
  readonly store: LocalStore;
  /** The peer this adapter talks to (used by the active operations). */
  readonly repository: Repository;
  readonly clock: Clock;
  /** Root `domain` attribute of exports (Eden's server name), when this side has one. */
  readonly domain?: string;
  /** Root `url` attribute of exports (this side's base URL), when it has one. */
  readonly url?: string;
  /** Transport (with this repository's credentials), signal, progress and tunables of the active operations. */
  readonly active?: ActiveExtras;
};

/**
 * The browser counterpart of Eden's `S3SyncAdapter` (architecture section 1): one object per
 * repository, one method per operation, each delegating to its own file.
 *
 * Passive operations: {@link receive} (import S3XML) and {@link send} (export S3XML).
 * Active operations: `register()`, `login()`, `pull(task, onconflict?)` and `push(task)`, from
 * `src/engine/active/` (one file per operation, each a thin method
 * below that delegates, like `send` and `receive`).
 */
export class EdenSyncAdapter {
  readonly store: LocalStore;
  readonly repository: Repository;
  readonly clock: Clock;
  protected readonly domain: string | undefined;
  protected readonly url: string | undefined;
  protected readonly active: ActiveExtras | undefined;

  constructor(options: EdenSyncAdapterOptions) {
    this.store = options.store;
    this.repository = options.repository;
    this.clock = options.clock;
    this.domain = options.domain;
    this.url = options.url;
    this.active = options.active;
  }

  /** Imports S3XML documents into the local store (Eden's `receive`, spec 4). */
  receive(sources: ReceiveSource | readonly ReceiveSource[], resource: string, options: ReceiveOptions): Promise<ReceiveOutcome> {
    return receive({ store: this.store, clock: this.clock }, sources, resource, options);
  }

  /** Exports local records as S3XML (Eden's `send`, spec 5); `domain`/`url` default to the adapter's. */
  send(resource: string, options: SendOptions = {}): Promise<SendOutcome> {
    const root = {
      ...(this.domain !== undefined ? { domain: this.domain } : {}),
      ...(this.url !== undefined ? { url: this.url } : {}),
    };
    return send({ store: this.store }, resource, { ...root, ...options });
  }

  // --- Active operations (src/engine/active/), they need `options.active` -------------------

  /** Registers this device at the peer and stores the peer's uuid (spec 2.1); false on failure. */
  register(): Promise<boolean> {
    return register(activeContext(this, this.active));
  }

  /** Verifies the credentials with a cheap authenticated pull (spec 2.2): null, or the error message. */
  login(): Promise<string | null> {
    return login(activeContext(this, this.active)).then(loginError);
  }

  /** Fetches the task's resource since `lastPull` and imports it; writes the checkpoint (spec 2.4). */
  pull(task: SyncTask, onconflict?: PullOnConflict): Promise<PullResult> {
    return pull(activeContext(this, this.active), task, onconflict);
  }

  /** Sends the task's pending local changes; acknowledges what the peer accepted (spec 2.5). */
  push(task: SyncTask): Promise<PushResult> {
    return push(activeContext(this, this.active), task);
  }

  /** One run of every task of this repository under `lock` (Eden's `synchronize`, spec 1.10); see `synchronize.ts`. */
  synchronize(lock: SyncLock, options: { readonly signal?: AbortSignalLike; readonly onEvent?: (event: RunEvent) => void } = {}): Promise<RunReport> {
    const { transport, onProgress, options: tunables } = activeContext(this, this.active);
    return synchronize(
      {
        store: this.store,
        transport,
        clock: this.clock,
        lock,
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        ...(onProgress ? { onProgress } : {}),
        ...(tunables ? { options: tunables } : {}),
      },
      { repositoryIds: [this.repository.id], ...(options.signal ? { signal: options.signal } : {}) },
    );
  }
}
