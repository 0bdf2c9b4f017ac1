import { TransportError } from '../../ports/transport.js';

/** One element Eden refused, from the reply's error `tree` (spec 3.11). */
export type RejectedElement = { readonly table: string; readonly uuid: string; readonly error: string };

/** Eden's import JSON in reply to a push (spec 4.12). Ids are Eden's local ids, not uuids. */
export type PushReply = {
  readonly status: string;
  readonly message: string | null;
  readonly records: number;
  readonly created: readonly number[];
  readonly updated: readonly number[];
  readonly deleted: readonly number[];
  readonly rejected: readonly RejectedElement[];
};

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function ids(v: unknown): number[] {
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

/** Walks a `tree2json` tree: `"$_<table>"` keys hold lists of elements with `@uuid` and `@error`, nested for components. */
export function rejectedElements(tree: unknown): RejectedElement[] {
  const out: RejectedElement[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (!key.startsWith('$_')) continue;
      const table = key.slice(2);
      for (const element of Array.isArray(value) ? value : [value]) {
        if (!isObject(element)) continue;
        const uuid = element['@uuid'];
        const error = element['@error'];
        if (typeof uuid === 'string' && typeof error === 'string') out.push({ table, uuid, error });
        visit(element);
      }
    }
  };
  visit(tree);
  return out;
}

/**
 * Decodes the push reply body (JSON, whatever the Content-Type, spec 2.5). Failed bodies never get
 * here (the transport turns them into errors); a body that is not Eden's JSON is `bad-response`.
 */
export function parsePushReply(body: string): PushReply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new TransportError('bad-response', 'push reply is not JSON');
  }
  if (!isObject(parsed) || typeof parsed['status'] !== 'string') {
    throw new TransportError('bad-response', 'push reply has no status');
  }
  const message = typeof parsed['message'] === 'string' && parsed['message'] !== '' ? parsed['message'] : null;
  return {
    status: parsed['status'],
    message,
    records: typeof parsed['records'] === 'number' ? parsed['records'] : 0,
    created: ids(parsed['created']),
    updated: ids(parsed['updated']),
    deleted: ids(parsed['deleted']),
    rejected: rejectedElements(parsed['tree']),
  };
}
