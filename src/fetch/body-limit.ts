// Reading a reply body under a byte cap, decompressing it here so the cap counts decompressed bytes (bomb protection).
import { Readable, Writable, type Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

export type BodyRead =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: "too-large"; limit: number }
  | { ok: false; reason: "unknown-encoding"; encoding: string }
  | { ok: false; reason: "corrupt"; encoding: string; error: unknown };

/**
 * Content codings decoded (RFC 9110 8.4.1; "x-gzip" is gzip by 8.4.1.3). "deflate" means the zlib format, but
 * servers also send raw DEFLATE, told apart by the zlib header check (RFC 1950 2.2: CMF*256+FLG divisible by 31).
 */
const DECODERS: ReadonlyMap<string, (first: Uint8Array) => Transform> = new Map<string, (first: Uint8Array) => Transform>([
  ["gzip", () => zlib.createGunzip()],
  ["x-gzip", () => zlib.createGunzip()],
  ["br", () => zlib.createBrotliDecompress()],
  ["deflate", (first: Uint8Array) => (hasZlibHeader(first) ? zlib.createInflate() : zlib.createInflateRaw())],
]);

function hasZlibHeader(bytes: Uint8Array): boolean {
  const cmf = bytes[0];
  const flg = bytes[1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && (cmf * 256 + flg) % 31 === 0;
}

class TooLarge extends Error {}

/** Collects chunks and stops the whole pipeline as soon as more than `limit` bytes came out of it. */
function cappedSink(limit: number, chunks: Buffer[]): Writable {
  let total = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > limit) return done(new TooLarge());
      chunks.push(chunk);
      done();
    },
  });
}

/** The codings of a Content-Encoding header in the order they must be undone (last applied first). */
export function contentCodings(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(",") : header ?? "";
  return text
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity")
    .reverse();
}

/** Undo one content coding, producing at most `limit` bytes. */
async function decodeCoding(bytes: Uint8Array, coding: string, limit: number): Promise<BodyRead> {
  const create = DECODERS.get(coding);
  if (create === undefined) return { ok: false, reason: "unknown-encoding", encoding: coding };
  const chunks: Buffer[] = [];
  try {
    await pipeline(Readable.from([Buffer.from(bytes)]), create(bytes), cappedSink(limit, chunks));
  } catch (error) {
    if (error instanceof TooLarge) return { ok: false, reason: "too-large", limit };
    return { ok: false, reason: "corrupt", encoding: coding, error };
  }
  return { ok: true, bytes: new Uint8Array(Buffer.concat(chunks)) };
}

/**
 * Read `body` whole: at most `limit` bytes on the wire, then each content coding undone with at most `limit`
 * bytes out, so a 100 KB gzip that inflates to gigabytes stops at the cap instead of filling memory.
 * Errors of the stream itself (reset, truncated body) are thrown for the caller to classify.
 */
export async function readCappedBody(
  body: AsyncIterable<Uint8Array | string>,
  contentEncoding: string | string[] | undefined,
  limit: number,
): Promise<BodyRead> {
  const raw: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += buffer.length;
    if (total > limit) return { ok: false, reason: "too-large", limit };
    raw.push(buffer);
  }
  let bytes: Uint8Array = new Uint8Array(Buffer.concat(raw));
  for (const coding of contentCodings(contentEncoding)) {
    const decoded = await decodeCoding(bytes, coding, limit);
    if (!decoded.ok) return decoded;
    bytes = decoded.bytes;
  }
  return { ok: true, bytes };
}
