#!/usr/bin/env node
/**
 * Enforces the import directions of the layout (docs: architecture.md section 3) and the "no `any`
 * in src/" convention (section 5). Runs inside `npm test`; usage: `node scripts/check-imports.mjs [root]`.
 *
 * Layers are the first folder under `src/`; files directly in `src/` (main.tsx, a service-worker
 * entry) are the `entry` layer. What each layer may import:
 *
 *   core       core                                   packages: fast-xml-parser, only from src/core/s3xml/
 *   ports      core, ports                            packages: none
 *   engine     core, ports, engine                    packages: none
 *   adapters   core, ports, adapters                  packages: any
 *   messaging  core, ports, engine, messaging         packages: any
 *   sw         core, ports, engine, adapters, messaging, sw   packages: any
 *   ui         core, ports, adapters, messaging, ui   packages: any
 *   entry      everything under src/                  packages: any
 *
 * So `ui` and `sw` are leaves (only the entry files import them), and no file in src/ imports
 * server/, test/, bench/ or anything else outside src/. fast-xml-parser is imported only in
 * src/core/s3xml/. Test files (`*.test.ts(x)`) are exempt from the direction rules (they may use
 * test/support/ and real adapters) but not from the `any` rule. A new folder under src/ must be
 * added to LAYERS below before it can be used.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Allowed imports per layer: `layers` are src/ layers; `packages` is 'any', 'none' or a list. */
export const LAYERS = {
  core: { layers: ['core'], packages: ['fast-xml-parser'] },
  ports: { layers: ['core', 'ports'], packages: 'none' },
  engine: { layers: ['core', 'ports', 'engine'], packages: 'none' },
  adapters: { layers: ['core', 'ports', 'adapters'], packages: 'any' },
  messaging: { layers: ['core', 'ports', 'engine', 'messaging'], packages: 'any' },
  sw: { layers: ['core', 'ports', 'engine', 'adapters', 'messaging', 'sw'], packages: 'any' },
  ui: { layers: ['core', 'ports', 'adapters', 'messaging', 'ui'], packages: 'any' },
  entry: { layers: ['core', 'ports', 'engine', 'adapters', 'messaging', 'sw', 'ui', 'entry'], packages: 'any' },
};

const SOURCE_EXT = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const TEST_FILE = /\.test\.(?:ts|tsx|mts|js|jsx|mjs)$/;
/** Previous significant characters after which `/` starts a regular expression, not a division. */
const REGEX_PRECEDERS = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const REGEX_KEYWORDS = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|new|delete|void|throw|await|yield)$/;

/**
 * Removes comments and replaces every string/template literal by a placeholder `"#n"`.
 * Returns the stripped code and the literal texts (index n), so imports can be read and `any` searched
 * without being fooled by comments or strings.
 */
export function stripSource(source) {
  let out = '';
  const strings = [];
  let i = 0;
  const n = source.length;
  const lastSignificant = () => {
    const trimmed = out.trimEnd();
    return { char: trimmed.slice(-1), text: trimmed };
  };
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let text = '';
      while (j < n && source[j] !== c) {
        if (source[j] === '\\') {
          text += source.slice(j, j + 2);
          j += 2;
          continue;
        }
        if (c !== '`' && source[j] === '\n') break;
        text += source[j];
        j++;
      }
      strings.push(text);
      out += `"#${strings.length - 1}"` + text.replace(/[^\n]/g, '').replace(/\n/g, '\n');
      i = j + 1;
      continue;
    }
    if (c === '/') {
      const { char, text } = lastSignificant();
      if (REGEX_PRECEDERS.has(char) || REGEX_KEYWORDS.test(text)) {
        let j = i + 1;
        let inClass = false;
        while (j < n && source[j] !== '\n') {
          const d = source[j];
          if (d === '\\') {
            j += 2;
            continue;
          }
          if (d === '[') inClass = true;
          else if (d === ']') inClass = false;
          else if (d === '/' && !inClass) break;
          j++;
        }
        out += '/regex/';
        i = j + 1;
        continue;
      }
    }
    out += c;
    i++;
  }
  return { code: out, strings };
}

/** The module specifiers a stripped source imports or re-exports (static, side-effect and dynamic). */
export function importSpecifiers(source) {
  const { code, strings } = stripSource(source);
  const found = [];
  const patterns = [
    /(?:^|[^\w$.])(?:import|export)\s+(?:type\s+)?[\w$\s{},*]*?\bfrom\s*"#(\d+)"/g,
    /(?:^|[^\w$.])import\s*"#(\d+)"/g,
    /(?:^|[^\w$.])import\s*\(\s*"#(\d+)"/g,
    /(?:^|[^\w$.])require\s*\(\s*"#(\d+)"\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const line = code.slice(0, match.index + match[0].length).split('\n').length;
      found.push({ specifier: strings[Number(match[1])], line });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** Tokens after which an identifier `any` is in a type position. */
const ANY_PRECEDERS = /(?:[:<|&,(\[]|=>|=|\bas|\bextends|\bkeyof|\breadonly|\bis)\s*$/;

/** Lines (1-based) where the source uses the `any` type (`: any`, `as any`, `<any>`, `any[]`, ...). */
export function anyTypeLines(source) {
  const { code } = stripSource(source);
  const lines = new Set();
  for (const match of code.matchAll(/(?<![\w$.])any(?![\w$])/g)) {
    const before = code.slice(Math.max(0, match.index - 12), match.index);
    const after = code.slice(match.index + 3, match.index + 8);
    const isArray = /^\s*\[\s*\]/.test(after);
    const isTypePosition = ANY_PRECEDERS.test(before) && !/^\s*(?:[:(]|\?:)/.test(after);
    if (isArray || isTypePosition) lines.add(code.slice(0, match.index).split('\n').length);
  }
  return [...lines];
}

function listFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const files = [];
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listFiles(full));
    else if (SOURCE_EXT.test(name)) files.push(full);
  }
  return files;
}

function toPosix(path) {
  return path.split(sep).join('/');
}

/** The layer of a repo-relative path under src/, or null for paths outside src/. */
export function layerOf(relPath) {
  const parts = relPath.split('/');
  if (parts[0] !== 'src') return null;
  return parts.length === 2 ? 'entry' : parts[1];
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Checks every source file under `root/src` and returns the violations found,
 * each `{ file, line, rule, message }` with `file` relative to root.
 */
export function checkImports(root) {
  const violations = [];
  const srcDir = join(root, 'src');
  const files = listFiles(srcDir).map((f) => toPosix(relative(root, f)));
  for (const file of files) {
    const source = readFileSync(join(root, file), 'utf8');
    const isTest = TEST_FILE.test(file);
    for (const line of anyTypeLines(source)) {
      violations.push({ file, line, rule: 'no-any', message: 'uses the `any` type (use `unknown` and decode)' });
    }
    const layer = layerOf(file);
    const rules = LAYERS[layer];
    if (!rules) {
      violations.push({
        file,
        line: 1,
        rule: 'unknown-layer',
        message: `src/${layer}/ is not a layer of the layout; add it to LAYERS in scripts/check-imports.mjs`,
      });
      continue;
    }
    if (isTest) continue;
    for (const { specifier, line } of importSpecifiers(source)) {
      const bare = specifier.replace(/[?#].*$/, '');
      if (bare.startsWith('.') || bare.startsWith('/')) {
        if (bare.startsWith('/') && !bare.startsWith(root)) {
          // A Vite public-asset URL such as '/manifest.webmanifest'.
          if (layer === 'core' || layer === 'ports' || layer === 'engine') {
            violations.push({ file, line, rule: 'layer', message: `${layer} may not import the asset '${specifier}'` });
          }
          continue;
        }
        const target = toPosix(relative(root, resolve(root, dirname(file), bare)));
        const targetLayer = layerOf(target);
        if (targetLayer === null) {
          violations.push({
            file,
            line,
            rule: 'outside-src',
            message: `imports '${specifier}' (${target}) from outside src/; src/ never imports server/, test/, bench/ or other folders`,
          });
        } else if (!rules.layers.includes(targetLayer)) {
          violations.push({
            file,
            line,
            rule: 'layer',
            message: `${layer} may not import ${targetLayer} ('${specifier}'); allowed: ${rules.layers.join(', ')}`,
          });
        }
        continue;
      }
      const pkg = packageName(bare);
      if (pkg === 'fast-xml-parser' && !file.startsWith('src/core/s3xml/')) {
        violations.push({ file, line, rule: 'package', message: 'fast-xml-parser may be imported only in src/core/s3xml/' });
        continue;
      }
      if (rules.packages === 'any') continue;
      if (rules.packages === 'none' || !rules.packages.includes(pkg)) {
        violations.push({ file, line, rule: 'package', message: `${layer} may not import the package '${pkg}'` });
      }
    }
  }
  return { files: files.length, violations };
}

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(process.argv[2] ?? join(here, '..'));
  const { files, violations } = checkImports(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: [${v.rule}] ${v.message}`);
  console.log(`check-imports: ${files} files under src/, ${violations.length} violation(s)`);
  process.exit(violations.length === 0 ? 0 : 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
