/** Types for check-imports.mjs (used by its unit test). */
export type Violation = {
  readonly file: string;
  readonly line: number;
  readonly rule: 'no-any' | 'layer' | 'outside-src' | 'package' | 'unknown-layer';
  readonly message: string;
};
export type LayerRules = { readonly layers: readonly string[]; readonly packages: 'any' | 'none' | readonly string[] };
export declare const LAYERS: Readonly<Record<string, LayerRules>>;
export declare function stripSource(source: string): { code: string; strings: string[] };
export declare function importSpecifiers(source: string): { specifier: string; line: number }[];
export declare function anyTypeLines(source: string): number[];
export declare function layerOf(relPath: string): string | null;
export declare function checkImports(root: string): { files: number; violations: Violation[] };
