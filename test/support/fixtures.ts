/**
 * The recorded Eden exchanges in `../shared/fixtures/eden/`, loaded as text at build time so that
 * the same tests run in Node and in Chromium (no `fs` in the browser).
 */
const texts = import.meta.glob('../../../shared/fixtures/eden/**/*.{xml,json,jsonl,html,txt}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const PREFIX = '../../../shared/fixtures/eden/';

/** Every fixture path relative to `fixtures/eden/`, e.g. `03-pull-full/01-pull-org_organisation.response.xml`. */
export function fixturePaths(): string[] {
  return Object.keys(texts)
    .map((key) => key.slice(PREFIX.length))
    .sort();
}

/** The text of one fixture file; throws for an unknown path. */
export function fixtureText(path: string): string {
  const text = texts[PREFIX + path];
  if (text === undefined) throw new Error(`no fixture ${path}`);
  return text;
}

/** Recorded request/response metadata of one exchange (`NN-name.meta.json`). */
export type FixtureMeta = {
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body_file?: string;
    readonly basic_auth_user?: string;
    readonly basic_auth_password?: string;
  };
  readonly response: {
    readonly status: number;
    readonly reason: string;
    /** Header name/value pairs in the order received. */
    readonly headers: readonly (readonly [string, string])[];
    readonly body_file?: string;
  };
  readonly elapsed_seconds?: number;
};

export function fixtureMeta(path: string): FixtureMeta {
  return JSON.parse(fixtureText(path)) as FixtureMeta;
}
