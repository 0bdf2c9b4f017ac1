#!/usr/bin/env node
/**
 * Draws the app icons into public/icons/ (PNG 192/512 and the SVG) with no dependencies:
 * a green square, a white ring broken by two gaps (the sync arrows) and a white dot (the device).
 * The content stays inside the central 80% circle, so the same PNGs work as maskable icons.
 * Run `node scripts/make-icons.mjs` after changing the design; the outputs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const GREEN = [0x1f, 0x6f, 0x4a];
const WHITE = [0xff, 0xff, 0xff];

/** Coverage (0..1) of the white shapes at a point in unit coordinates (0..1 each way). */
function white(x, y) {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  if (r < 0.09) return 1;
  if (r < 0.22 || r > 0.3) return 0;
  const angle = (Math.atan2(dy, dx) * 180) / Math.PI;
  const gap = (a) => Math.abs(((angle - a + 540) % 360) - 180) < 14;
  return gap(-45) || gap(135) ? 0 : 1;
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let px = 0; px < size; px++) {
      let cover = 0;
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++)
          cover += white((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
      cover /= samples * samples;
      for (let c = 0; c < 3; c++) row[1 + px * 3 + c] = Math.round(GREEN[c] + (WHITE[c] - GREEN[c]) * cover);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The same design as a vector: two 152-degree arcs of the ring between the gaps, and the dot. */
function svg() {
  const point = (deg) => {
    const rad = (deg * Math.PI) / 180;
    return `${(50 + 26 * Math.cos(rad)).toFixed(2)} ${(50 + 26 * Math.sin(rad)).toFixed(2)}`;
  };
  const arc = (from, to) => `<path d="M ${point(from)} A 26 26 0 0 1 ${point(to)}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="18" fill="#1f6f4a"/>
  <g fill="none" stroke="#fff" stroke-width="8">${arc(-31, 121)}${arc(149, 301)}</g>
  <circle cx="50" cy="50" r="9" fill="#fff"/>
</svg>
`;
}

mkdirSync(OUT, { recursive: true });
for (const size of [192, 512]) writeFileSync(join(OUT, `icon-${size}.png`), png(size));
writeFileSync(join(OUT, 'icon.svg'), svg());
console.log(`icons written to ${OUT}`);
