/** MSW helpers for the HTTP tests (Node only): replay recorded Eden exchanges and record requests. */
import { HttpResponse } from 'msw';
import { fixtureMeta, fixtureText } from '../support/fixtures.js';

/** A request as the fake Eden saw it. */
export type Seen = {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
};

export const BASE = 'http://127.0.0.1:8000/eden';
export const USER = 'admin@example.com';
export const PASSWORD = 'testing';
/** The Authorization header recorded in every admin fixture. */
export const ADMIN_AUTH = 'Basic YWRtaW5AZXhhbXBsZS5jb206dGVzdGluZw==';
export const REPO_UUID = '5f1c1c34-9d0e-4a37-8d5b-2c7b0c8f1e01';
export const SERVER_UUID = 'urn:uuid:475ec5fa-cc0e-4e06-8059-82ef5b068a55';

const DROP = new Set(['content-length', 'transfer-encoding', 'connection', 'set-cookie']);

/** The recorded response of `<folder>/<name>.meta.json` (status, headers, body). */
export function replay(folder: string, name: string): Response {
  const meta = fixtureMeta(`${folder}/${name}.meta.json`);
  const headers = new Headers();
  for (const [k, v] of meta.response.headers) if (!DROP.has(k.toLowerCase())) headers.append(k, v);
  const body = meta.response.body_file ? fixtureText(`${folder}/${meta.response.body_file}`) : '';
  return new HttpResponse(body, { status: meta.response.status, headers });
}

/** Records a request (body read from a clone) and returns it. */
export async function record(log: Seen[], request: Request): Promise<Seen> {
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const seen = { method: request.method, url: request.url, headers, body: await request.clone().text() };
  log.push(seen);
  return seen;
}

/** A fake sleep that records the waits and returns at once. */
export function fakeSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** Asserts that nothing derived from the credentials appears in a value (message, stack, JSON). */
export function leaksSecret(value: unknown, secrets: readonly string[]): boolean {
  const texts: string[] = [];
  if (value instanceof Error) texts.push(value.message, value.stack ?? '', String(value));
  texts.push(JSON.stringify(value) ?? '');
  return secrets.some((s) => texts.some((t) => t.includes(s)));
}
