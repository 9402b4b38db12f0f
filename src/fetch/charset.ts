// Decoding fetched bytes to text: BOM, then HTTP charset, then the document's own declaration, then detection.
import { canonicalCharset, decodeLossily, decodeStrictly, hasNonAsciiBytes, isAsciiCompatible } from "./charset-decode.js";
import { detectCharset } from "./charset-detect.js";
import {
  charsetFromContentType,
  charsetFromHtmlMeta,
  charsetFromXmlDeclaration,
  findByteOrderMark,
  findXmlUnicodeLayout,
} from "./charset-sources.js";

/**
 * Where the charset came from: a byte order mark (or UTF-16/32 layout), the HTTP header, the document's own
 * declaration, detection (also when valid UTF-8 overruled a legacy label), or the last-resort fallback, in
 * which case the text may hold U+FFFD or mojibake and is worth a warning.
 */
export type CharsetSource = "bom" | "http" | "document" | "detected" | "fallback";

export interface DecodedText {
  text: string;
  /** The charset used, by its WHATWG name ("gbk", "big5", "utf-8"), or "utf-32le"/"utf-32be". */
  charset: string;
  source: CharsetSource;
}

/**
 * Bytes that name `charset` are decoded with it, unless they are invalid there (null, so the next source of
 * truth is asked). Two corrections on the way:
 * - a legacy label on bytes that are valid UTF-8 with non-ASCII content is a mislabel: real GBK or Big5 text
 *   is practically never valid UTF-8 (synth-encodings/utf8-declared-gb2312, miniflux utf8-incorrect-prolog);
 * - `gb2312` is read as GBK, its superset, because sites declare gb2312 and send GBK (WHATWG Encoding labels
 *   table; synth-encodings/gbk-declared-gb2312).
 */
function decodeAsDeclared(bytes: Uint8Array, label: string | null, inDocument: boolean): DecodedText | null {
  const source: CharsetSource = inDocument ? "document" : "http";
  const charset = label === null ? null : canonicalCharset(label);
  if (charset === null) return null;
  // A declaration written in ASCII cannot truthfully name UTF-16 (WHATWG HTML 13.2.3.2 step "If charset is UTF-16").
  if (inDocument && !isAsciiCompatible(charset)) return null;
  if (!charset.startsWith("utf-") && hasNonAsciiBytes(bytes)) {
    const utf8 = decodeStrictly(bytes, "utf-8");
    if (utf8 !== null) return { text: utf8, charset: "utf-8", source: "detected" };
  }
  const text = decodeStrictly(bytes, charset);
  return text === null ? null : { text, charset, source };
}

/** What the document itself declares: the XML declaration for feeds, `<meta>` (else an XML declaration) for pages. */
function documentDeclaration(bytes: Uint8Array, kind: "xml" | "html"): string | null {
  if (kind === "xml") return charsetFromXmlDeclaration(bytes);
  return charsetFromHtmlMeta(bytes) ?? charsetFromXmlDeclaration(bytes);
}

/**
 * Decode a fetched body. Order (RFC 7303 section 3 for XML media types, WHATWG HTML 13.2.3 for pages):
 * 1. a byte order mark, or for XML `<?` in UTF-16/32 without one (XML 1.0 Appendix F.1);
 * 2. the `charset` of the HTTP Content-Type;
 * 3. the XML declaration, or `<meta charset>` for HTML;
 * 4. detection (`detectCharset`): UTF-8, then the double-byte charsets by how their text reads, then Cyrillic or Thai;
 * 5. the first declared charset, keeping U+FFFD for the bad bytes; else Windows-1252, which reads any byte.
 * A declared charset under which the bytes are invalid is skipped (synth-encodings/big5-http-says-utf8).
 * Never throws: every input gives some text.
 *
 * @example decodeText(bytes, "application/rss+xml; charset=big5", "xml") // { text: "<?xml ...", charset: "big5", source: "http" }
 */
export function decodeText(bytes: Uint8Array, contentType: string | null, kind: "xml" | "html"): DecodedText {
  const mark = findByteOrderMark(bytes);
  if (mark !== null) return { text: decodeLossily(bytes.subarray(mark.length), mark.label), charset: mark.label, source: "bom" };
  const layout = kind === "xml" ? findXmlUnicodeLayout(bytes) : null;
  if (layout !== null) return { text: decodeLossily(bytes, layout), charset: layout, source: "bom" };

  const httpLabel = charsetFromContentType(contentType);
  const fromHttp = decodeAsDeclared(bytes, httpLabel, false);
  if (fromHttp !== null) return fromHttp;
  const documentLabel = documentDeclaration(bytes, kind);
  const fromDocument = decodeAsDeclared(bytes, documentLabel, true);
  if (fromDocument !== null) return fromDocument;
  const detected = detectCharset(bytes);
  if (detected !== null) return { ...detected, source: "detected" };

  for (const label of [documentLabel, httpLabel]) {
    const charset = label === null ? null : canonicalCharset(label);
    if (charset !== null && isAsciiCompatible(charset)) return { text: decodeLossily(bytes, charset), charset, source: "fallback" };
  }
  return { text: decodeLossily(bytes, "windows-1252"), charset: "windows-1252", source: "fallback" };
}
