import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Folders the dev/test server may read: the repo and the shared fixtures beside it (`../shared`). */
export const fsAllow = [root, fileURLToPath(new URL('../shared', import.meta.url))];

export default defineConfig({
  // Relative URLs, so dist/ works at any path beside Eden (e.g. https://eden.example.org/eden-sync/).
  base: './',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    fs: { allow: fsAllow },
  },
});
