import type { Repository } from '../core/model/sync.js';
import type { Clock } from '../ports/clock.js';
import type { LocalStore } from '../ports/local-store.js';
import { receive, type ReceiveOptions, type ReceiveOutcome, type ReceiveSource } from './receive/receive.js';
import { send, type SendOptions, type SendOutcome } from './send/send.js';

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
};

/**
 * The browser counterpart of Eden's `S3SyncAdapter` (architecture section 1): one object per
 * repository, one method per operation, each delegating to its own file.
 *
 * Passive operations: {@link receive} (import S3XML) and {@link send} (export S3XML).
 * EXTENSION POINT: the active operations `register()`, `login()`, `pull(task, onconflict?)` and
 * `push(task)` are added here by `src/engine/active/` (one file per operation, each a thin method
 * below that delegates, like `send` and `receive`).
 */
export class EdenSyncAdapter {
  readonly store: LocalStore;
  readonly repository: Repository;
  readonly clock: Clock;
  protected readonly domain: string | undefined;
  protected readonly url: string | undefined;

  constructor(options: EdenSyncAdapterOptions) {
    this.store = options.store;
    this.repository = options.repository;
    this.clock = options.clock;
    this.domain = options.domain;
    this.url = options.url;
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

  // --- EXTENSION POINT: active operations (src/engine/active/) -------------------------------
  // register(): Promise<...>   POST {url}/sync/repository/register.json          (spec 2.1)
  // login(): Promise<...>      verify Basic-auth credentials against the peer    (spec 2.2)
  // pull(task, onconflict?)    fetch S3XML since last_pull, import with receive  (spec 2.4)
  // push(task)                 export pending changes with send({uuids}), POST   (spec 2.5)
}
