// Where a document says what its charset is: byte order mark, UTF-16/32 layout, HTTP Content-Type, XML declaration, HTML <meta>.

/** A Unicode encoding announced by the first bytes, and how many bytes to skip. */
export interface ByteOrderMark {
  label: "utf-8" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be";
  length: number;
}

/**
 * Byte order marks, longest first so UTF-32LE (FF FE 00 00) is not taken for UTF-16LE (FF FE).
 * WHATWG Encoding "decode" step 2 (UTF-8, UTF-16) and XML 1.0 Appendix F.1 (UTF-32).
 */
const BYTE_ORDER_MARKS: ReadonlyArray<{ bytes: number[]; mark: ByteOrderMark }> = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], mark: { label: "utf-32be", length: 4 } },
  { bytes: [0xff, 0xfe, 0x00, 0x00], mark: { label: "utf-32le", length: 4 } },
  { bytes: [0xef, 0xbb, 0xbf], mark: { label: "utf-8", length: 3 } },
  { bytes: [0xfe, 0xff], mark: { label: "utf-16be", length: 2 } },
  { bytes: [0xff, 0xfe], mark: { label: "utf-16le", length: 2 } },
];

/** `<?xml` written in a 16- or 32-bit encoding without a BOM (XML 1.0 Appendix F.1, the "without BOM" table). */
const XML_UNICODE_LAYOUTS: ReadonlyArray<{ bytes: number[]; label: ByteOrderMark["label"] }> = [
  { bytes: [0x00, 0x00, 0x00, 0x3c], label: "utf-32be" },
  { bytes: [0x3c, 0x00, 0x00, 0x00], label: "utf-32le" },
  { bytes: [0x00, 0x3c, 0x00, 0x3f], label: "utf-16be" },
  { bytes: [0x3c, 0x00, 0x3f, 0x00], label: "utf-16le" },
];

/** How far into an HTML document a <meta> charset is looked for. WHATWG says 1024 bytes, but real pages (and miniflux's
 * `*-meta-after-1024.html` cases) put long comments and scripts first, so the whole head up to this size is read. */
const META_SCAN_BYTES = 64 * 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, index) => bytes[index] === byte);
}

export function findByteOrderMark(bytes: Uint8Array): ByteOrderMark | null {
  for (const { bytes: prefix, mark } of BYTE_ORDER_MARKS) if (startsWith(bytes, prefix)) return mark;
  return null;
}

/** The encoding an XML document without BOM must be in when it starts with `<?` in 16- or 32-bit units. */
export function findXmlUnicodeLayout(bytes: Uint8Array): ByteOrderMark["label"] | null {
  for (const { bytes: prefix, label } of XML_UNICODE_LAYOUTS) if (startsWith(bytes, prefix)) return label;
  return null;
}

/**
 * The `charset` parameter of a Content-Type (RFC 9110 8.3.1/5.6.6): case-insensitive name, value a token or a
 * quoted string. Single quotes are stripped too, as feeds in the wild send `charset='us-ascii'` (feedparser
 * http_*_charset cases). A malformed parameter such as `charset:iso-8859-1` gives null.
 */
export function charsetFromContentType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const parameters = contentType.split(";").slice(1);
  for (const parameter of parameters) {
    const equals = parameter.indexOf("=");
    if (equals < 0) continue;
    if (parameter.slice(0, equals).trim().toLowerCase() !== "charset") continue;
    const value = parameter.slice(equals + 1).trim().replace(/^["']|["']$/g, "").trim();
    return value === "" ? null : value;
  }
  return null;
}

/** The media type of a Content-Type, lower case, without parameters: "application/rss+xml". */
export function mediaTypeOf(contentType: string | null): string | null {
  if (contentType === null) return null;
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "" ? null : type;
}

/** Bytes as Latin-1 text, one char per byte, so ASCII markup can be searched whatever the real encoding. */
function asciiView(bytes: Uint8Array, limit: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, limit)).toString("latin1");
}

/** The `encoding` pseudo-attribute of `<?xml ...?>` at the start (XML 1.0 section 4.3.3, EncodingDecl). */
export function charsetFromXmlDeclaration(bytes: Uint8Array): string | null {
  const head = asciiView(bytes, 1024);
  const declaration = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])\s*([A-Za-z][A-Za-z0-9._:-]*)\s*\1/.exec(head);
  return declaration?.[2] ?? null;
}

/**
 * The charset of `<meta charset=...>` or `<meta http-equiv="content-type" content="...; charset=...">`
 * (WHATWG HTML 13.2.3.2, "prescan a byte stream"), looked for in the head only, skipping comments.
 */
export function charsetFromHtmlMeta(bytes: Uint8Array): string | null {
  const head = asciiView(bytes, META_SCAN_BYTES).replace(/<!--[\s\S]*?-->/g, "");
  const end = head.search(/<body[\s>]/i);
  const scanned = end < 0 ? head : head.slice(0, end);
  for (const tag of scanned.matchAll(/<meta\b[^>]*>/gi)) {
    const text = tag[0];
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(text);
    if (direct !== null && !/\bcontent\s*=/i.test(text.slice(0, direct.index))) return direct[1] ?? null;
    if (/\bhttp-equiv\s*=\s*["']?\s*content-type/i.test(text)) {
      const content = /\bcontent\s*=\s*(["'])([^"']*)\1/i.exec(text)?.[2] ?? null;
      const charset = content === null ? null : /charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(content)?.[1];
      if (charset) return charset;
    }
  }
  return null;
}
