// Charset detection for undeclared bytes: UTF-8 first, then GB18030 against Big5 by the share of common Chinese.
import { describe, expect, it } from "vitest";
import { detectCharset } from "../../src/fetch/charset-detect.js";

const SIMPLIFIED = "据中央社报道，香港警方昨天逮捕了多名民主派人士，这是国家安全法实施以来最大规模的行动。";
const TRADITIONAL = "據中央社報導，香港警方昨天逮捕了多名民主派人士，這是國家安全法實施以來最大規模的行動。";

function encode(text: string, charset: "gbk" | "big5"): Uint8Array {
  // Node has no TextEncoder for legacy charsets: build the bytes by searching each character's code in the decoder.
  const decoder = new TextDecoder(charset === "gbk" ? "gb18030" : "big5", { fatal: true });
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      try {
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (!table.has(char)) table.set(char, [lead, trail]);
      } catch {
        // not a character in this charset
      }
    }
  }
  const out: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : table.get(char);
    if (code === undefined) throw new Error(`${char} is not in ${charset}`);
    out.push(...code);
  }
  return new Uint8Array(out);
}

describe("detectCharset", () => {
  it.each([
    ["simplified Chinese in GBK is GB18030", encode(SIMPLIFIED, "gbk"), "gb18030", SIMPLIFIED],
    ["traditional Chinese in Big5 is Big5, though it also decodes as GB18030", encode(TRADITIONAL, "big5"), "big5", TRADITIONAL],
    ["traditional Chinese in GBK is GB18030", encode(TRADITIONAL, "gbk"), "gb18030", TRADITIONAL],
    ["valid UTF-8 is UTF-8", new Uint8Array(Buffer.from(SIMPLIFIED)), "utf-8", SIMPLIFIED],
    ["plain ASCII is UTF-8", new Uint8Array(Buffer.from("<rss/>")), "utf-8", "<rss/>"],
  ])("%s", (_name, bytes, charset, text) => {
    expect(detectCharset(bytes)).toEqual({ charset, text });
  });

  it("UTF-8 with one broken byte in a long text stays UTF-8", () => {
    const bytes = new Uint8Array([...Buffer.from(SIMPLIFIED.repeat(3)), 0xff]);
    expect(detectCharset(bytes)?.charset).toBe("utf-8");
  });

  it("Russian in Windows-1251 is told from KOI8-R by its lower case", () => {
    // Windows-1251 puts А-я (U+0410-U+044F) at 0xC0-0xFF in order.
    const text = "Как пережить новогоднюю ночь и не сойти с ума от шума";
    const bytes = new Uint8Array([...text].map((char) => (char.charCodeAt(0) >= 0x410 ? char.charCodeAt(0) - 0x410 + 0xc0 : char.charCodeAt(0))));
    expect(detectCharset(bytes)).toEqual({ charset: "windows-1251", text });
  });

  it("Western text in Windows-1252 without declaration is not taken for Cyrillic", () => {
    const french = new Uint8Array(Buffer.from("Le café est très célèbre à Paris, où l'été est chaud et les crêpes délicieuses.", "latin1"));
    expect(detectCharset(french)).toBeNull(); // the caller falls back to Windows-1252
  });

  it("bytes that are no Chinese at all give null, for the caller's fallback", () => {
    expect(detectCharset(new Uint8Array([0x41, 0xff, 0xfe, 0x80, 0x42, 0xff]))).toBeNull();
  });

});
