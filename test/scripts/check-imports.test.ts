import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { anyTypeLines, checkImports, importSpecifiers, type Violation } from '../../scripts/check-imports.mjs';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/check-imports.mjs');
const roots: string[] = [];

/** Writes a small fixture tree (path -> contents) into a fresh temp folder and returns its root. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'check-imports-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function violationsOf(files: Record<string, string>): Violation[] {
  return checkImports(tree(files)).violations;
}

/** A clean base layout every case starts from. */
const BASE: Record<string, string> = {
  'src/core/model/record.ts': 'export type Rec = { readonly uuid: string };\n',
  'src/core/s3xml/decode.ts':
    "import { XMLParser } from 'fast-xml-parser';\nimport type { Rec } from '../model/record.js';\nexport const p = new XMLParser();\nexport type D = Rec;\n",
  'src/ports/local-store.ts': "import type { Rec } from '../core/model/record.js';\nexport interface LocalStore { get(): Rec }\n",
  'src/engine/pull.ts':
    "import type { LocalStore } from '../ports/local-store.js';\nimport { p } from '../core/s3xml/decode.js';\nexport const pull = (s: LocalStore) => [s, p];\n",
  'src/adapters/db/store.ts':
    "import Dexie from 'dexie';\nimport type { LocalStore } from '../../ports/local-store.js';\nexport const db = new Dexie('x');\nexport type S = LocalStore;\n",
  'src/messaging/protocol.ts': "import type { pull } from '../engine/pull.js';\nexport type Msg = typeof pull;\n",
  'src/sw/entry.ts': "import { pull } from '../engine/pull.js';\nimport { db } from '../adapters/db/store.js';\nexport const x = [pull, db];\n",
  'src/ui/app.tsx': "import type { Msg } from '../messaging/protocol.js';\nimport { h } from 'preact';\nexport const App = (m: Msg) => h('div', null, String(m));\n",
  'src/main.tsx': "import { App } from './ui/app.js';\nimport './sw/entry.js';\nimport '/manifest.webmanifest?url';\nexport default App;\n",
};

function rulesOf(violations: readonly Violation[]): string[] {
  return violations.map((v) => `${v.file}:${v.line}:${v.rule}`);
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('checkImports on fixture trees', () => {
  it('accepts a clean layout', () => {
    expect(violationsOf(BASE)).toEqual([]);
  });

  it.each([
    ['core -> adapters', 'src/core/policy/bad.ts', "import { db } from '../../adapters/db/store.js';\n", 'layer'],
    ['core -> ports', 'src/core/policy/bad.ts', "import type { LocalStore } from '../../ports/local-store.js';\n", 'layer'],
    ['core -> a package', 'src/core/policy/bad.ts', "import Dexie from 'dexie';\n", 'package'],
    ['ports -> engine', 'src/ports/bad.ts', "export type { pull } from '../engine/pull.js';\n", 'layer'],
    ['engine -> adapters', 'src/engine/bad.ts', "import { db } from '../adapters/db/store.js';\n", 'layer'],
    ['engine -> ui (dynamic)', 'src/engine/bad.ts', "export const m = () => import('../ui/app.js');\n", 'layer'],
    ['engine -> a package', 'src/engine/bad.ts', "import 'dexie';\n", 'package'],
    ['adapters -> engine', 'src/adapters/http/bad.ts', "export * from '../../engine/pull.js';\n", 'layer'],
    ['adapters -> ui', 'src/adapters/db/bad.ts', "import { App } from '../../ui/app.js';\n", 'layer'],
    ['ui -> sw', 'src/ui/bad.ts', "import { x } from '../sw/entry.js';\n", 'layer'],
    ['ui -> engine', 'src/ui/bad.ts', "import { pull } from '../engine/pull.js';\n", 'layer'],
    ['sw -> ui', 'src/sw/bad.ts', "import { App } from '../ui/app.js';\n", 'layer'],
    ['src -> test/', 'src/adapters/db/bad.ts', "import { f } from '../../../test/support/fixtures.js';\n", 'outside-src'],
    ['src -> server/', 'src/main2.ts', "import { s } from '../server/main.js';\n", 'outside-src'],
    ['src -> bench/', 'src/ui/bad.ts', "import b from '../../bench/run.js';\n", 'outside-src'],
    ['fast-xml-parser outside s3xml', 'src/core/model/bad.ts', "import { XMLParser } from 'fast-xml-parser';\n", 'package'],
    ['fast-xml-parser in adapters', 'src/adapters/http/bad.ts', "import { XMLBuilder } from 'fast-xml-parser';\n", 'package'],
    ['an unknown src/ folder', 'src/lib/util.ts', 'export const u = 1;\n', 'unknown-layer'],
  ])('flags %s', (_name, path, text, rule) => {
    const violations = violationsOf({ ...BASE, [path]: text });
    expect(rulesOf(violations)).toEqual([`${path}:1:${rule}`]);
  });

  it('reports the right line of a multi-line import', () => {
    const text = "import type { Rec } from '../model/record.js';\nimport {\n  db,\n} from '../../adapters/db/store.js';\n";
    expect(rulesOf(violationsOf({ ...BASE, 'src/core/policy/bad.ts': text }))).toEqual(['src/core/policy/bad.ts:4:layer']);
  });

  it('ignores imports inside comments and strings', () => {
    const text =
      "// import { db } from '../../adapters/db/store.js';\n/* import '../../ui/app.js' */\nexport const s = \"import x from '../../ui/app.js'\";\n";
    expect(violationsOf({ ...BASE, 'src/core/policy/ok.ts': text })).toEqual([]);
  });

  it('exempts test files from direction rules but not from the any rule', () => {
    const text = "import { f } from '../../../test/support/fixtures.js';\nimport { db } from '../../adapters/db/store.js';\nexport const v = f as any;\n";
    expect(rulesOf(violationsOf({ ...BASE, 'src/core/s3xml/decode.test.ts': text }))).toEqual([
      'src/core/s3xml/decode.test.ts:3:no-any',
    ]);
  });

  it('flags any types in every layer', () => {
    const violations = violationsOf({ ...BASE, 'src/ui/bad.tsx': 'export const f = (x: any) => x;\n' });
    expect(rulesOf(violations)).toEqual(['src/ui/bad.tsx:1:no-any']);
  });
});

describe('anyTypeLines', () => {
  it.each([
    ['let x: any = 1;'],
    ['const y = z as any;'],
    ['const w = <any>q;'],
    ['const a: unknown[] = [] as any[];'],
    ['type R = Record<string, any>;'],
    ['function f(p?: any): void {}'],
    ['function f(): Promise<any> { return p; }'],
    ['type U = string | any;'],
    ['type F = () => any;'],
    ['type T = any;'],
    ['const t: [string, any] = q;'],
  ])('flags %s', (line) => {
    expect(anyTypeLines(`const before = 1;\n${line}\n`)).toEqual([2]);
  });

  it.each([
    ["const s = 'any: any as any';"],
    ['// x as any'],
    ['/* : any */ const n = 1;'],
    ['const o = { any: 1 };'],
    ['list.any();'],
    ['const company = 1; const many: number = 2;'],
    ['const r = /as any/g;'],
    ['const t = `x: ${1} any`;'],
    ['const unknownValue: unknown = 1;'],
  ])('does not flag %s', (line) => {
    expect(anyTypeLines(line)).toEqual([]);
  });
});

describe('importSpecifiers', () => {
  it('finds static, type, re-export, side-effect and dynamic imports', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      "import './e.css';",
      "const f = await import('./f.js');",
      "import { g,",
      "  h } from 'pkg/sub';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual([
      { specifier: './a.js', line: 1 },
      { specifier: './b.js', line: 2 },
      { specifier: './c.js', line: 3 },
      { specifier: './d.js', line: 4 },
      { specifier: './e.css', line: 5 },
      { specifier: './f.js', line: 6 },
      { specifier: 'pkg/sub', line: 8 },
    ]);
  });
});

describe('the command line', () => {
  it('exits 0 on a clean tree and 1 with file:line output on violations', () => {
    const clean = spawnSync(process.execPath, [SCRIPT, tree(BASE)], { encoding: 'utf8' });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/0 violation/);
    const dirty = spawnSync(
      process.execPath,
      [SCRIPT, tree({ ...BASE, 'src/engine/bad.ts': "import { db } from '../adapters/db/store.js';\n" })],
      { encoding: 'utf8' },
    );
    expect(dirty.status).toBe(1);
    expect(dirty.stderr).toContain('src/engine/bad.ts:1: [layer] engine may not import adapters');
  });
});
