// decodeText against the encoding corpora: synth-encodings, feedparser, miniflux and rssant cases, plus hostile bytes.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/fetch/index.js";
import { sharedPath } from "../support/paths.js";

const FEEDS = "corpus/feeds/";

function bytesOf(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(sharedPath(FEEDS + relative)));
}

/** feedparser test files name the HTTP header they are served with in a comment: `Header: Content-type: ...`. */
function declaredHeader(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes).toString("latin1").replace(/\0/g, "");
  return /Header:\s*Content-type:\s*(.*)/i.exec(text)?.[1]?.trim() ?? null;
}

/** XML text escaping as a feed writer does it, to find an expected title in the raw document. */
function xmlEscaped(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

interface SynthCase {
  feed: string;
  http_content_type: string | null;
  bytes_encoding: string;
  note: string;
  items: Array<{ title: string; link: string }>;
}

/** The WHATWG name each synth case must come out as: what its bytes really are. */
const SYNTH_CHARSET: Readonly<Record<string, string>> = { big5: "big5", gbk: "gbk", gb18030: "gb18030", "utf-8": "utf-8" };

const synthCases = readdirSync(sharedPath(FEEDS + "synth-encodings"))
  .filter((name) => name.endsWith(".expected.json"))
  .map((name) => JSON.parse(readFileSync(sharedPath(`${FEEDS}synth-encodings/${name}`), "utf8")) as SynthCase);

describe("synth-encodings corpus", () => {
  it("has its seven cases", () => {
    expect(synthCases.length).toBe(7);
  });

  it.each(synthCases.map((c) => [c.feed, c] as const))("%s decodes to every item's title and link", (_name, c) => {
    const decoded = decodeText(bytesOf(`synth-encodings/${c.feed}`), c.http_content_type, "xml");
    expect(decoded.charset, c.note).toBe(SYNTH_CHARSET[c.bytes_encoding]);
    expect(decoded.text).not.toContain("\uFFFD");
    for (const item of c.items) {
      const found = decoded.text.includes(item.title) || decoded.text.includes(xmlEscaped(item.title));
      expect(found, `${c.feed}: title "${item.title}"`).toBe(true);
      expect(decoded.text).toContain(xmlEscaped(item.link));
    }
  });
});

/**
 * feedparser's encoding suite, with the charset we must report. Where feedparser's expectation differs, the row
 * says why: WHATWG Encoding maps us-ascii and iso-8859-1 to windows-1252 and gb2312 to gbk; RFC 7303 section 3
 * (which obsoletes RFC 3023) drops the us-ascii default of text/xml, so the XML declaration decides there.
 */
const FEEDPARSER_CASES: ReadonlyArray<[file: string, charset: string, contains?: string]> = [
  ["bozo_bogus_encoding.xml", "utf-8"], // unknown label ignored, bytes are ASCII
  ["bozo_encoding_mismatch_crash.xml", "windows-1252"], // no charset fits: every byte still becomes a character
  ["bozo_http_i18n.xml", "utf-8", "Iñtërnâtiônàlizætiøn"], // RFC 7303: no us-ascii default for text/xml
  ["bozo_http_text_plain.xml", "utf-8"],
  ["bozo_http_text_plain_charset.xml", "utf-8"],
  ["bozo_invalid-bytes-with-bom.xml", "utf-8", "Valid UTF8: Ѩ"], // the BOM wins; bad bytes become U+FFFD
  ["bozo_linenoise.xml", "utf-8", "\uFFFD"], // declared UTF-8 with bad bytes: kept as UTF-8, not turned into mojibake
  ["demoronize-1.xml", "utf-8"],
  ["double-encoded-html.xml", "utf-8"],
  ["euc-kr.xml", "euc-kr", "<title>년</title>"],
  ["euc-kr-item.xml", "euc-kr", "<description>년</description>"],
  ["euc-kr-attribute.xml", "euc-kr", 'alt="년"'],
  ["http_application_atom_xml_charset.xml", "windows-1252"],
  ["http_application_atom_xml_charset_overrides_encoding.xml", "windows-1252"],
  ["http_application_atom_xml_gb2312_charset_overrides_encoding.xml", "gbk"], // the HTTP charset outranks the declaration
  ["http_application_atom_xml_gb2312_encoding.xml", "gbk"],
  ["http_application_rss_xml_default.xml", "utf-8"],
  ["http_application_rss_xml_encoding.xml", "windows-1252"],
  ["http_application_xml_charset_overrides_encoding.xml", "windows-1252"],
  ["http_application_xml_default.xml", "utf-8"],
  ["http_application_xml_dtd_default.xml", "utf-8"],
  ["http_application_xml_epe_encoding.xml", "windows-1252"],
  ["http_i18n.xml", "utf-8", "Iñtërnâtiônàlizætiøn"],
  ["http_text_xml_bogus_charset.xml", "utf-8"], // `text/xml;` has no charset: RFC 7303 gives the declaration's
  ["http_text_xml_bogus_param.xml", "utf-8"], // `charset:iso-8859-1` is not a parameter (RFC 9110 5.6.6)
  ["http_text_xml_charset_overrides_encoding_2.xml", "windows-1252", "This is a £“test.”"],
  ["http_text_xml_default.xml", "utf-8"],
  ["http_text_rss_xml_encoding.xml", "windows-1252"],
  ["no_content_type_default.xml", "utf-8"],
  ["no_content_type_encoding.xml", "windows-1252"],
  ["u16.xml", "utf-16be", "<rss>"], // unknown label "u16": the 16-bit layout of `<?` decides (XML 1.0 F.1)
  ["utf-16be-autodetect.xml", "utf-16be", "<rss>"],
  ["utf-16be-bom.xml", "utf-16be", "<rss>"],
  ["utf-16be.xml", "utf-16be", "<rss>"],
  ["utf-16le-autodetect.xml", "utf-16le", "<rss>"],
  ["utf-16le.xml", "utf-16le", "<rss>"],
  ["utf-32be-autodetect.xml", "utf-32be", "<rss>"],
  ["utf-32be.xml", "utf-32be", "<rss>"],
  ["utf-32le-autodetect.xml", "utf-32le", "<rss>"],
  ["utf-32le-bom.xml", "utf-32le", "<rss>"],
  ["utf-32le.xml", "utf-32le", "<rss>"],
  ["utf-8-bom.xml", "utf-8", '<?xml version="1.0"'],
  ["utf16.xml", "utf-16be", "<rss>"],
];

describe("feedparser encoding corpus", () => {
  it.each(FEEDPARSER_CASES)("%s is %s", (file, charset, contains) => {
    const bytes = bytesOf(`feedparser/encoding/${file}`);
    const decoded = decodeText(bytes, declaredHeader(bytes), "xml");
    expect(decoded.charset).toBe(charset);
    if (contains !== undefined) expect(decoded.text).toContain(contains);
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff); // the BOM is not part of the text
  });

  it("every file of the folder decodes without throwing", () => {
    for (const file of readdirSync(sharedPath(FEEDS + "feedparser/encoding"))) {
      const bytes = bytesOf(`feedparser/encoding/${file}`);
      expect(typeof decodeText(bytes, declaredHeader(bytes), "xml").text).toBe("string");
    }
  });
});

/** miniflux testdata: the expectations live in its Go tests; these are the texts those tests look for. */
const MINIFLUX_CASES: ReadonlyArray<[file: string, charset: string, contains: string]> = [
  ["invalid-prolog.xml", "utf-8", "<title>테스트 피드</title>"], // unknown label: detection finds UTF-8
  ["iso-8859-1.xml", "windows-1252", "<title>Café</title>"],
  ["iso-8859-1.html", "windows-1252", "<title>Frédéric</title>"],
  ["iso-8859-1-meta-after-1024.html", "windows-1252", "<p>Café</p>"], // <meta> after 1024 bytes still counts
  ["koi8r.xml", "koi8-r", "Пример RSS ленты"],
  ["utf8-incorrect-prolog.xml", "utf-8", "<title>Café</title>"], // valid UTF-8 mislabelled ISO-8859-1 stays UTF-8
  ["utf8.html", "utf-8", "<title>Café</title>"],
  ["utf8-meta-after-1024.html", "utf-8", "<title>Frédéric</title>"],
  ["windows-1252.xml", "windows-1252", "Euro €"],
];

describe("miniflux encoding corpus", () => {
  it.each(MINIFLUX_CASES)("%s is %s", (file, charset, contains) => {
    const decoded = decodeText(bytesOf(`miniflux/encoding/${file}`), null, file.endsWith(".html") ? "html" : "xml");
    expect(decoded.charset).toBe(charset);
    expect(decoded.text).toContain(contains);
  });
});

/** rssant's chardet cases: no declaration at all; the file name lists the codecs it accepts. */
const RSSANT_DETECTED: ReadonlyArray<[file: string, accepted: string[], contains: string]> = [
  ["big5.xml", ["big5"], "周杰倫"],
  ["gb2312:gb18030.xml", ["gbk", "gb18030"], "信息交换用汉字编码字符集"],
  ["gbk:gb18030.json", ["gbk", "gb18030"], "中国国家标准简体中文字符集"],
  ["utf-8.xml", ["utf-8"], "周杰倫"],
  ["utf-8.json", ["utf-8"], "My Example Feed"],
  ["utf-8.not-utf-16.xml", ["utf-8"], "<rss"], // declares utf-16 in ASCII bytes: impossible, so not believed
];

/** Detected too, though not this project's languages: Japanese and Korean by common characters, Cyrillic and Thai by script. */
const RSSANT_OTHER_SCRIPTS: ReadonlyArray<[file: string, accepted: string[], contains: string]> = [
  ["euc-jp.xml", ["euc-jp"], "ゲーム三昧な正月"],
  ["euc-kr:cp949.xml", ["euc-kr"], "한글닉네임 표시하기"], // three bytes outside EUC-KR on purpose: kept as U+FFFD
  ["koi8-r.xml", ["koi8-r"], "Как пережить новогоднюю ночь"],
  ["tis-620.xml", ["windows-874"], "สำนักงานส่งเสริมอุตสาหกรรมซอฟต์แวร์แห่งชาติ"],
];

describe("rssant encoding corpus", () => {
  it.each(RSSANT_DETECTED)("chardet/%s is detected as one of %j", (file, accepted, contains) => {
    const decoded = decodeText(bytesOf(`rssant/encoding/chardet/${file}`), null, file.endsWith(".json") ? "html" : "xml");
    expect(accepted).toContain(decoded.charset);
    expect(decoded.text).toContain(contains);
  });

  it.each(RSSANT_OTHER_SCRIPTS)("chardet/%s is detected as one of %j", (file, accepted, contains) => {
    const decoded = decodeText(bytesOf(`rssant/encoding/chardet/${file}`), null, "xml");
    expect(accepted).toContain(decoded.charset);
    expect(decoded.text).toContain(contains);
  });

  it("mixed: HTTP us-ascii and prolog gbk on valid UTF-8 Chinese is UTF-8", () => {
    const bytes = bytesOf("rssant/encoding/mixed/http_application_rss_xml_charset_overrides_encoding.xml");
    const decoded = decodeText(bytes, 'application/rss+xml;charset= "us-ascii"', "xml");
    expect(decoded).toMatchObject({ charset: "utf-8" });
    expect(decoded.text).toContain("《11月的蕭邦》是台灣歌手周杰倫發行第六張國語專輯");
  });

  it.each(readdirSync(sharedPath(FEEDS + "rssant/encoding/xml")))("xml/%s: the declared charset, utf-8 if none", (file) => {
    const bytes = bytesOf(`rssant/encoding/xml/${file}`);
    const decoded = decodeText(bytes, declaredHeader(bytes), "xml");
    const declared = /encoding=["']([^"']+)/.exec(Buffer.from(bytes).toString("latin1"))?.[1]?.toLowerCase() ?? "utf-8";
    // rssant lets the declaration win; here the HTTP charset does (RFC 7303 3.2), which matters only for the gb2312 case.
    const expected = file === "http_application_atom_xml_gb2312_charset_overrides_encoding.xml" ? "gbk" : new TextDecoder(declared).encoding;
    expect(decoded.charset).toBe(expected);
  });
});

describe("decision order", () => {
  const gbkBytes = new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]); // 中文 in GBK
  const big5Bytes = new Uint8Array([0xa4, 0xa4, 0xa4, 0xe5]); // 中文 in Big5
  const xml = (declaration: string, body: Uint8Array) =>
    new Uint8Array([...Buffer.from(`<?xml version="1.0"${declaration}?><t>`), ...body, ...Buffer.from("</t>")]);

  it.each([
    ["the HTTP charset outranks the XML declaration", xml(' encoding="big5"', gbkBytes), "text/xml; charset=gbk", "gbk", "中文"],
    ["the declaration is used when HTTP names none", xml(' encoding="big5"', big5Bytes), "application/rss+xml", "big5", "中文"],
    ["gb2312 is read as GBK (WHATWG labels)", xml(' encoding="gb2312"', gbkBytes), null, "gbk", "中文"],
    ["an unknown HTTP charset is ignored", xml(' encoding="big5"', big5Bytes), "text/xml; charset=x-nonsense", "big5", "中文"],
    ["HTTP utf-8 on invalid bytes gives way to the declaration", xml(' encoding="gbk"', gbkBytes), "text/xml; charset=utf-8", "gbk", "中文"],
    ["no declaration: GBK text is detected", xml("", gbkBytes), null, "gb18030", "中文"],
    ["a BOM outranks a contrary HTTP charset", new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("<t>中</t>")]), "text/xml; charset=big5", "utf-8", "<t>中</t>"],
  ])("%s", (_name, bytes, contentType, charset, contains) => {
    const decoded = decodeText(bytes, contentType, "xml");
    expect(decoded.charset).toBe(charset);
    expect(decoded.text).toContain(contains);
  });

  it("HTML uses <meta http-equiv> when the header names no charset", () => {
    const page = new Uint8Array([...Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'), 0xd6, 0xd0, ...Buffer.from("</body></html>")]);
    expect(decodeText(page, "text/html", "html")).toMatchObject({ charset: "gbk", text: expect.stringContaining("<body>中</body>") });
  });

  it("an empty body is empty UTF-8 text", () => {
    expect(decodeText(new Uint8Array(), null, "xml")).toEqual({ text: "", charset: "utf-8", source: "detected" });
  });

  it.each([
    ["a BOM", () => new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]), "text/xml; charset=big5", "bom"],
    ["the HTTP header", () => bytesOf("synth-encodings/big5-http-only.xml"), "application/rss+xml; charset=big5", "http"],
    ["the XML declaration", () => bytesOf("synth-encodings/big5-declared.xml"), "application/rss+xml", "document"],
    ["valid UTF-8 overruling a gb2312 label", () => bytesOf("synth-encodings/utf8-declared-gb2312.xml"), null, "detected"],
    ["nothing that fits: the fallback", () => bytesOf("feedparser/encoding/bozo_encoding_mismatch_crash.xml"), null, "fallback"],
  ])("source says the charset came from %s", (_name, bytes, contentType, source) => {
    expect(decodeText(bytes(), contentType, "xml").source).toBe(source);
  });
});

describe("hostile input", () => {
  it("random bytes and content types always give text, never a throw", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.option(fc.string({ maxLength: 80 })), fc.constantFrom("xml" as const, "html" as const), (bytes, contentType, kind) => {
        const decoded = decodeText(bytes, contentType, kind);
        return typeof decoded.text === "string" && typeof decoded.charset === "string";
      }),
      { numRuns: 400 },
    );
  });

  it("random declarations and prefixes never throw", () => {
    const prefix = fc.constantFrom("<?xml version='1.0' encoding='", '<meta charset="', "\ufeff", "\u0000<\u0000?", "");
    fc.assert(
      fc.property(prefix, fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 256 }), (start, label, tail) => {
        const bytes = new Uint8Array([...Buffer.from(start + label + "'?>"), ...tail]);
        return typeof decodeText(bytes, `text/xml; charset=${label}`, "html").text === "string";
      }),
      { numRuns: 300 },
    );
  });
});
