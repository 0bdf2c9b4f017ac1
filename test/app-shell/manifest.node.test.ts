import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const publicDir = join(root, 'public');

type ManifestIcon = { src: string; sizes: string; type: string; purpose?: string };
type Manifest = {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: ManifestIcon[];
};

const manifest = JSON.parse(readFileSync(join(publicDir, 'manifest.webmanifest'), 'utf8')) as Manifest;
const indexHtml = readFileSync(join(root, 'index.html'), 'utf8');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('PWA manifest and page shell', () => {
  it('names the app and makes it installable (standalone, relative start_url and scope)', () => {
    expect(manifest.name).toBe('Eden Sync');
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('./');
    expect(manifest.scope).toBe('./');
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('lists icons that exist, with the sizes they claim, including 192, 512 and a maskable one', () => {
    for (const icon of manifest.icons) {
      const file = join(publicDir, icon.src);
      expect(existsSync(file), icon.src).toBe(true);
      if (icon.type === 'image/png') {
        const { width, height } = pngSize(file);
        expect(`${width}x${height}`).toBe(icon.sizes);
      } else {
        expect(icon.type).toBe('image/svg+xml');
        expect(readFileSync(file, 'utf8')).toContain('<svg');
      }
    }
    const sizes = manifest.icons.map((i) => i.sizes);
    expect(sizes).toContain('192x192');
    expect(sizes).toContain('512x512');
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  });

  it('index.html has the title, mobile viewport, manifest link and the same theme colour', () => {
    expect(indexHtml).toContain('<title>Eden Sync</title>');
    expect(indexHtml).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1/);
    expect(indexHtml).toContain('<link rel="manifest" href="/manifest.webmanifest" />');
    expect(indexHtml).toContain(`<meta name="theme-color" content="${manifest.theme_color}" />`);
    expect(indexHtml).toContain('src="/src/main.tsx"');
  });
});
