/**
 * The work every runtime test does, through the public entry only: open a store on this global
 * scope's own IndexedDB (`openLocalStore` with no options), receive an S3XML document, send the
 * resource back out and summarise. Imported by the page test, the dedicated worker and the service
 * worker, so it must not touch `window`, `document` or test-only helpers (no fake-indexeddb here).
 */
import { decodeS3Xml, EdenSyncAdapter, openLocalStore, webLocksFrom, WebLocksLock } from '../../src/index.js';

/** Where the code ran, as seen from inside. */
export type RuntimeProbe = {
  /** Constructor name of the global scope: `Window`, `DedicatedWorkerGlobalScope`, `ServiceWorkerGlobalScope`. */
  readonly scope: string;
  readonly hasWindow: boolean;
  readonly hasDocument: boolean;
  readonly hasLocalStorage: boolean;
};

/** What came out of one receive + send round trip. */
export type RoundTripSummary = {
  readonly probe: RuntimeProbe;
  /** The round trip ran under the public `WebLocksLock` over this scope's `navigator.locks`. */
  readonly lock: { readonly outcome: string; readonly heldDuringWork: boolean };
  readonly receive: {
    readonly status: string;
    readonly message: string | null;
    readonly records: number;
    readonly created: readonly string[];
    readonly updated: readonly string[];
    readonly errors: number;
  };
  /** Live records per table in the store after the receive. */
  readonly stored: Readonly<Record<string, number>>;
  readonly send: {
    readonly status: string;
    readonly results: number;
    readonly mtime: string | null;
    /** uuids of the top-level `<resource name=resource>` elements of the sent document, in order. */
    readonly masterUuids: readonly string[];
    /** `name` data of those masters, in order. */
    readonly masterNames: readonly (string | null)[];
    /** Nested component elements, by table. */
    readonly components: Readonly<Record<string, number>>;
  };
};

/** The message a worker answers with. */
export type RoundTripReply = { readonly ok: true; readonly summary: RoundTripSummary } | { readonly ok: false; readonly error: string };

/** The request a worker is sent. */
export type RoundTripRequest = { readonly xml: string; readonly resource: string; readonly dbName: string };

/** Tables counted in {@link RoundTripSummary.stored}. */
export const COUNTED_TABLES = ['org_organisation', 'org_site', 'org_office', 'pr_role'] as const;

/** Reads the global scope without assuming any DOM type exists. */
export function probeRuntime(): RuntimeProbe {
  const scope = globalThis as { constructor?: { name?: string } };
  return {
    scope: scope.constructor?.name ?? 'unknown',
    hasWindow: typeof window !== 'undefined',
    hasDocument: typeof document !== 'undefined',
    hasLocalStorage: typeof localStorage !== 'undefined',
  };
}

/** Throws unless this is a worker scope with no window/document (call first thing in a worker). */
export function assertNoWindow(): RuntimeProbe {
  const probe = probeRuntime();
  if (typeof window !== 'undefined') throw new Error(`window is defined in ${probe.scope}`);
  if (typeof document !== 'undefined') throw new Error(`document is defined in ${probe.scope}`);
  return probe;
}

const REPOSITORY = { id: 'runtime', name: 'runtime', url: '/eden', username: null, peerUuid: null, registered: false, lastConnected: null };

/** Deletes a database, tolerating a blocked delete (nothing else holds it open here). */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`cannot delete ${name}`));
  });
}

/**
 * Receive `xml` as `resource` into a fresh store named `dbName`, send `resource` back, summarise,
 * drop the store; all under a Web Lock taken through the public entry (`webLocksFrom(navigator)`).
 */
export async function runRoundTrip(request: RoundTripRequest): Promise<RoundTripSummary> {
  const locks = webLocksFrom(globalThis.navigator);
  if (locks === null) throw new Error(`no navigator.locks in ${probeRuntime().scope}`);
  const name = `eden-sync-runtime-${request.dbName}`;
  const isHeld = async () => ((await navigator.locks.query()).held ?? []).some((lock) => lock.name === name);
  const outcome = await new WebLocksLock(locks).run(name, async () => ({ held: await isHeld(), body: await roundTrip(request) }));
  if (outcome.kind !== 'acquired') throw new Error(`lock ${outcome.kind}`);
  return { ...outcome.value.body, lock: { outcome: outcome.kind, heldDuringWork: outcome.value.held } };
}

async function roundTrip(request: RoundTripRequest): Promise<Omit<RoundTripSummary, 'lock'>> {
  const probe = probeRuntime();
  const store = await openLocalStore(request.dbName);
  try {
    const adapter = new EdenSyncAdapter({ store, repository: REPOSITORY });
    const received = await adapter.receive(request.xml, request.resource, {});
    const stored: Record<string, number> = {};
    for (const table of COUNTED_TABLES) stored[table] = (await store.list(table)).length;
    const sent = await adapter.send(request.resource);
    const doc = decodeS3Xml(sent.response ?? '');
    const masters = doc.resources.filter((r) => r.name === request.resource);
    const components: Record<string, number> = {};
    for (const component of masters.flatMap((m) => m.components)) components[component.name] = (components[component.name] ?? 0) + 1;
    return {
      probe,
      receive: {
        status: received.status,
        message: received.message,
        records: received.response.records,
        created: received.response.created,
        updated: received.response.updated,
        errors: received.response.errors.length,
      },
      stored,
      send: {
        status: sent.status,
        results: sent.results,
        mtime: sent.mtime,
        masterUuids: masters.map((m) => m.attributes['uuid'] ?? ''),
        masterNames: masters.map((m) => m.data.find((d) => d.field === 'name')?.text ?? null),
        components,
      },
    };
  } finally {
    store.close();
    await deleteDatabase(request.dbName);
  }
}

/** {@link runRoundTrip} as a reply message: errors become `{ ok: false }` with their message and stack. */
export async function roundTripReply(request: RoundTripRequest): Promise<RoundTripReply> {
  try {
    return { ok: true, summary: await runRoundTrip(request) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error) };
  }
}
