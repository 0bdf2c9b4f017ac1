import { TransportError } from '../../ports/transport.js';

/** One element Eden refused, from the reply's error `tree` (spec 3.11). */
export type RejectedElement = { readonly table: string; readonly uuid: string; readonly error: string };

/**
 * One entry of a reply's created/updated/deleted list: Eden's local record id (a number) from a
 * real Eden, or the record's uuid (a string) from a peer without integer ids, such as the demo peer.
 */
export type PushReplyId = number | string;

/** Eden's import JSON in reply to a push (spec 4.12). */
export type PushReply = {
  readonly status: string;
  readonly message: string | null;
  readonly records: number;
  readonly created: readonly PushReplyId[];
  readonly updated: readonly PushReplyId[];
  readonly deleted: readonly PushReplyId[];
  readonly rejected: readonly RejectedElement[];
};

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The ids of a list: finite numbers and non-empty strings; anything else is left out. */
function ids(v: unknown): PushReplyId[] {
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is PushReplyId => (typeof x === 'number' && Number.isFinite(x)) || (typeof x === 'string' && x !== ''));
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
