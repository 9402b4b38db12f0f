// Bytes to text under a named charset: WHATWG names, GBK through the GB18030 decoder, UTF-32, Windows-1252.
import { describe, expect, it } from "vitest";
import { canonicalCharset, decodeLossily, decodeStrictly, hasNonAsciiBytes, isAsciiCompatible } from "../../src/fetch/charset-decode.js";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("canonicalCharset", () => {
  it.each([
    ["gb2312 is GBK (WHATWG labels table)", "gb2312", "gbk"],
    ["us-ascii is windows-1252", "us-ascii", "windows-1252"],
    ["iso-8859-1 is windows-1252", "ISO-8859-1", "windows-1252"],
    ["big5-hkscs is big5", "big5-hkscs", "big5"],
    ["utf-32 is big-endian", "UTF-32", "utf-32be"],
    ["padding is ignored", "  utf-8 ", "utf-8"],
    ["an unknown label", "bogus", null],
    ["iso-2022-kr decodes to nothing useful (WHATWG replacement)", "iso-2022-kr", null],
  ])("%s", (_name, label, expected) => {
    expect(canonicalCharset(label)).toBe(expected);
  });
});

describe("decodeStrictly", () => {
  it.each([
    ["GBK", bytes(0xd6, 0xd0, 0xce, 0xc4), "gbk", "中文"],
    ["a GB18030 four-byte sequence under the gbk label (WHATWG: gbk decoder is gb18030's)", bytes(0x95, 0x32, 0x82, 0x36), "gbk", "\u{20000}"],
    ["Big5", bytes(0xa4, 0xa4, 0xa4, 0xe5), "big5", "中文"],
    ["Windows-1252 euro and quotes, which Node's own decoder reads as Latin-1", bytes(0x80, 0x93, 0x94), "windows-1252", "€“”"],
    ["UTF-32LE with BOM", bytes(0xff, 0xfe, 0, 0, 0x2d, 0x4e, 0, 0), "utf-32le", "中"],
    ["UTF-32BE", bytes(0, 0, 0x4e, 0x2d), "utf-32be", "中"],
    ["UTF-8 BOM dropped", bytes(0xef, 0xbb, 0xbf, 0x41), "utf-8", "A"],
  ])("%s", (_name, input, charset, expected) => {
    expect(decodeStrictly(input, charset)).toBe(expected);
  });

  it.each([
    ["a lone UTF-8 continuation byte", bytes(0x80), "utf-8"],
    ["a GBK lead byte at the end", bytes(0x41, 0xd6), "gbk"],
    ["a GBK trail byte Big5 forbids", bytes(0xd6, 0x80), "big5"],
    ["UTF-32 beyond U+10FFFF", bytes(0, 0x11, 0, 0), "utf-32be"],
    ["UTF-32 cut mid-character", bytes(0, 0, 0x4e), "utf-32be"],
  ])("%s is invalid", (_name, input, charset) => {
    expect(decodeStrictly(input, charset)).toBeNull();
  });

  it("decodeLossily keeps U+FFFD for bad bytes", () => {
    expect(decodeLossily(bytes(0x41, 0xff, 0x42), "utf-8")).toBe("A\uFFFDB");
    expect(decodeLossily(bytes(0, 0x11, 0, 0), "utf-32be")).toBe("\uFFFD");
  });

  it.each([
    ["utf-16le", false],
    ["utf-32be", false],
    ["iso-2022-jp", false],
    ["gbk", true],
    ["utf-8", true],
  ])("isAsciiCompatible(%s) is %s", (charset, expected) => {
    expect(isAsciiCompatible(charset)).toBe(expected);
  });

  it("hasNonAsciiBytes", () => {
    expect(hasNonAsciiBytes(bytes(0x41, 0x7f))).toBe(false);
    expect(hasNonAsciiBytes(bytes(0x41, 0x80))).toBe(true);
  });
});

describe("Big5 A2 41", () => {
  it("is the fullwidth solidus of the Big5 tables, not cp950's division slash", () => {
    const bytes = new Uint8Array([0xa5, 0x78, 0xa5, 0x5f, 0xa2, 0x41, 0xa4, 0xa4]); // 台北／中
    expect(decodeStrictly(bytes, "big5")).toBe("台北／中");
    expect(decodeLossily(bytes, "big5")).toBe("台北／中");
  });
});
