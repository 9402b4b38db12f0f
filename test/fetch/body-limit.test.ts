// Body reading under the cap: content codings undone in order, bombs and unknown codings stopped.
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { contentCodings, readCappedBody } from "../../src/fetch/body-limit.js";

const TEXT = Buffer.from("<rss>測試</rss>".repeat(50));

async function* chunks(...parts: Buffer[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new Uint8Array(part);
}

describe("contentCodings", () => {
  it.each([
    ["one coding", "gzip", ["gzip"]],
    ["two codings are undone last first (RFC 9110 8.4)", "deflate, gzip", ["gzip", "deflate"]],
    ["identity is no coding", "identity", []],
    ["case and spaces", " GZIP ", ["gzip"]],
    ["absent", undefined, []],
  ])("%s", (_name, header, expected) => {
    expect(contentCodings(header)).toEqual(expected);
  });
});

describe("readCappedBody", () => {
  it.each([
    ["no coding", undefined, TEXT],
    ["gzip", "gzip", zlib.gzipSync(TEXT)],
    ["x-gzip (RFC 9110 8.4.1.3)", "x-gzip", zlib.gzipSync(TEXT)],
    ["br", "br", zlib.brotliCompressSync(TEXT)],
    ["deflate, zlib format", "deflate", zlib.deflateSync(TEXT)],
    ["deflate sent raw", "deflate", zlib.deflateRawSync(TEXT)],
    ["gzip inside br", "gzip, br", zlib.brotliCompressSync(zlib.gzipSync(TEXT))],
  ])("%s gives the original bytes", async (_name, coding, wire) => {
    const read = await readCappedBody(chunks(wire.subarray(0, 10), wire.subarray(10)), coding, 1024 * 1024);
    expect(read.ok && Buffer.from(read.bytes).equals(TEXT)).toBe(true);
  });

  it("a body exactly at the cap is kept", async () => {
    const read = await readCappedBody(chunks(TEXT), undefined, TEXT.length);
    expect(read.ok).toBe(true);
  });

  it("one byte over the cap on the wire is too large", async () => {
    expect(await readCappedBody(chunks(TEXT), undefined, TEXT.length - 1)).toEqual({ ok: false, reason: "too-large", limit: TEXT.length - 1 });
  });

  it("a gzip bomb is stopped by the decompressed size, quickly", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(32 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const started = Date.now();
    const read = await readCappedBody(chunks(bomb), "gzip", 1024 * 1024);
    expect(read).toEqual({ ok: false, reason: "too-large", limit: 1024 * 1024 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("an unknown coding is named", async () => {
    expect(await readCappedBody(chunks(TEXT), "compress", 1 << 20)).toEqual({ ok: false, reason: "unknown-encoding", encoding: "compress" });
  });

  it("corrupt gzip is reported, not thrown", async () => {
    const read = await readCappedBody(chunks(Buffer.from("not gzip at all")), "gzip", 1 << 20);
    expect(read.ok === false && read.reason).toBe("corrupt");
  });

  it("truncated gzip is reported as corrupt", async () => {
    const wire = zlib.gzipSync(TEXT);
    const read = await readCappedBody(chunks(wire.subarray(0, wire.length - 12)), "gzip", 1 << 20);
    expect(read.ok === false && read.reason).toBe("corrupt");
  });
});
