import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { sendPlain } from './reply.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'text/xml; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Content type of a file name, `application/octet-stream` when unknown. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Files a PWA must revalidate on every load so that a new version is picked up. */
const ALWAYS_REVALIDATE = /(^|\/)(index\.html|sw\.js|service-worker\.js|registerSW\.js|manifest\.webmanifest|workbox-[^/]*\.js)$/;
/** Vite's content-hashed output (`assets/name-Hash123.js`): safe to cache for a year. */
const HASHED_ASSET = /(^|\/)assets\/.+[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** Cache-Control for a path relative to the dist root. */
export function cacheControlOf(relativePath: string): string {
  if (ALWAYS_REVALIDATE.test(relativePath)) return 'no-cache';
  if (HASHED_ASSET.test(relativePath)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=0, must-revalidate';
}

/**
 * Serves the built app from `distDir`: GET and HEAD only, ETag/Last-Modified revalidation, and
 * SPA fallback to `index.html` for paths without a file extension (client-side routes).
 */
export function createStaticHandler(distDir: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = resolve(distDir);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendPlain(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const pathname = safePathname(req.url ?? '/');
    if (pathname === null) {
      sendPlain(res, 400, 'Bad Request');
      return;
    }
    const relative = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const file = await findFile(root, relative);
    if (file !== null) return serveFile(req, res, file.path, file.relative, file.size, file.mtime);
    const wantsPage = extname(pathname) === '' || pathname.endsWith('.html');
    const index = wantsPage ? await findFile(root, '/index.html') : null;
    if (index === null) {
      sendPlain(res, 404, wantsPage ? 'App not built: run `npm run build` (or start without --no-build)' : 'Not Found');
      return;
    }
    return serveFile(req, res, index.path, index.relative, index.size, index.mtime);
  };
}

function safePathname(url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const normalized = normalize(pathname).split(sep).join('/');
  return normalized.startsWith('/') ? normalized : `/${normalized}`;
}

type FoundFile = { readonly path: string; readonly relative: string; readonly size: number; readonly mtime: Date };

async function findFile(root: string, relative: string): Promise<FoundFile | null> {
  const path = join(root, relative);
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    return { path, relative: relative.replace(/^\/+/, ''), size: info.size, mtime: info.mtime };
  } catch {
    return null;
  }
}

function serveFile(req: IncomingMessage, res: ServerResponse, path: string, relative: string, size: number, mtime: Date): void {
  const etag = `W/"${size.toString(16)}-${Math.floor(mtime.getTime()).toString(16)}"`;
  const headers: Record<string, string> = {
    'Content-Type': contentTypeOf(path),
    'Cache-Control': cacheControlOf(relative),
    ETag: etag,
    'Last-Modified': mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  };
  if (relative === 'sw.js') headers['Service-Worker-Allowed'] = '/';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers['Content-Length'] = String(size);
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
