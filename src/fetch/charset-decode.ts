// Bytes to text under one named charset: WHATWG labels through TextDecoder, plus UTF-32 which TextDecoder lacks.

/** The canonical WHATWG name of a label ("gb2312" -> "gbk", "us-ascii" -> "windows-1252"), or null if unknown. */
export function canonicalCharset(label: string): string | null {
  const lower = label.trim().toLowerCase();
  if (UTF32_NAMES.has(lower)) return UTF32_NAMES.get(lower) ?? null;
  try {
    const encoding = new TextDecoder(lower).encoding;
    // WHATWG Encoding 4.2: "replacement" guards against ISO-2022-KR and friends; it decodes nothing useful.
    return encoding === "replacement" ? null : encoding;
  } catch {
    return null;
  }
}

/** UTF-32 is outside the WHATWG Encoding Standard but feeds use it (feedparser utf-32*.xml). "utf-32" alone is BE (RFC 2781 4.3 reasoning). */
const UTF32_NAMES: ReadonlyMap<string, string> = new Map([
  ["utf-32", "utf-32be"],
  ["utf-32be", "utf-32be"],
  ["utf-32le", "utf-32le"],
  ["ucs-4", "utf-32be"],
]);

/**
 * The decoder actually used for a canonical name. WHATWG Encoding 10.1.1: "The gbk decoder is the gb18030
 * decoder"; ICU's own GBK converter rejects GB18030's four-byte sequences, which GBK-labelled feeds do contain.
 */
function decoderName(charset: string): string {
  return charset === "gbk" ? "gb18030" : charset;
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean, fatal: boolean): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let start = 0;
  if (bytes.length >= 4 && view.getUint32(0, littleEndian) === 0xfeff) start = 4;
  for (let offset = start; offset < bytes.length; offset += 4) {
    const valid = offset + 4 <= bytes.length;
    const code = valid ? view.getUint32(offset, littleEndian) : -1;
    if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      if (fatal) return null;
      parts.push("\uFFFD");
    } else {
      parts.push(String.fromCodePoint(code));
    }
  }
  return parts.join("");
}

/**
 * Bytes 0x80-0x9F of windows-1252 (WHATWG index-windows-1252). Node 20's TextDecoder decodes the "windows-1252"
 * label as ISO-8859-1, giving C1 controls where the euro sign and curly quotes belong (miniflux windows-1252.xml).
 */
const WINDOWS_1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return text.replace(/[\u0080-\u009F]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] ?? char);
}

/**
 * Big5 byte pair A2 41 is FULLWIDTH SOLIDUS (U+FF0F) in the Big5 standard tables (and Python's big5 codec, which
 * wrote corpus/feeds/synth-encodings), but DIVISION SLASH (U+2215) in Microsoft's cp950 that the WHATWG index and
 * TextDecoder follow. Chinese news means the fullwidth slash ("台北／中央社"); A2 41 is the only pair that
 * decodes to U+2215, so the swap is exact.
 */
function fixBig5(text: string): string {
  return text.includes("\u2215") ? text.replaceAll("\u2215", "\uFF0F") : text;
}

/** The text, or null when a byte sequence is invalid in `charset` (a canonical name). A leading BOM is dropped. */
export function decodeStrictly(bytes: Uint8Array, charset: string): string | null {
  if (charset === "utf-32le" || charset === "utf-32be") return decodeUtf32(bytes, charset === "utf-32le", true);
  if (charset === "windows-1252") return decodeWindows1252(bytes); // every byte has a character: never invalid
  try {
    const text = new TextDecoder(decoderName(charset), { fatal: true }).decode(bytes);
    return charset === "big5" ? fixBig5(text) : text;
  } catch {
    return null;
  }
}

/** The text, with U+FFFD for each invalid sequence (WHATWG "replacement" error mode). */
export function decodeLossily(bytes: Uint8Array, charset: string): string {
  if (charset === "utf-32le" || charset === "utf-32be") return decodeUtf32(bytes, charset === "utf-32le", false) ?? "";
  if (charset === "windows-1252") return decodeWindows1252(bytes);
  const text = new TextDecoder(decoderName(charset)).decode(bytes);
  return charset === "big5" ? fixBig5(text) : text;
}

/** True for the charsets in which ASCII bytes mean ASCII characters, so a declaration in ASCII can be believed. */
export function isAsciiCompatible(charset: string): boolean {
  return !charset.startsWith("utf-16") && !charset.startsWith("utf-32") && charset !== "iso-2022-jp";
}

/** True when the bytes hold at least one byte above 0x7F, i.e. the charset makes a difference. */
export function hasNonAsciiBytes(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}
