/** A Blob (or anything with `text()`), without depending on the DOM lib. */
export type BlobLike = { text(): Promise<string> };

/** A `ReadableStream<Uint8Array>` as far as reading it goes. */
export type ByteStream = {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; releaseLock(): void };
};

/** One S3XML source: text, UTF-8 bytes, a Blob or a byte stream. */
export type ReceiveSource = string | Uint8Array | BlobLike | ByteStream;

type Utf8Decoder = { decode(input?: Uint8Array, options?: { stream?: boolean }): string };
type DecoderClass = new (label: string, options: { fatal: boolean }) => Utf8Decoder;

/** A strict UTF-8 decoder (invalid bytes throw): the universal `TextDecoder`. */
function utf8Decoder(): Utf8Decoder {
  const Decoder = (globalThis as unknown as { TextDecoder: DecoderClass }).TextDecoder;
  return new Decoder('utf-8', { fatal: true });
}

function isByteStream(source: BlobLike | ByteStream): source is ByteStream {
  return typeof (source as Partial<ByteStream>).getReader === 'function';
}

/** Reads a source to text (UTF-8; a byte order mark is left to the decoder of the document). */
export async function readSource(source: ReceiveSource): Promise<string> {
  if (typeof source === 'string') return source;
  if (source instanceof Uint8Array) return utf8Decoder().decode(source);
  if (!isByteStream(source)) return source.text();
  const decoder = utf8Decoder();
  const reader = source.getReader();
  const parts: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value !== undefined) parts.push(decoder.decode(value, { stream: true }));
    }
    parts.push(decoder.decode());
  } finally {
    reader.releaseLock();
  }
  return parts.join('');
}
