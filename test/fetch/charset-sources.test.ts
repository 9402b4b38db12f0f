// Reading declared charsets: BOMs, UTF-16/32 layouts, Content-Type parameters, XML declarations and HTML <meta>.
import { describe, expect, it } from "vitest";
import {
  charsetFromContentType,
  charsetFromHtmlMeta,
  charsetFromXmlDeclaration,
  findByteOrderMark,
  findXmlUnicodeLayout,
  mediaTypeOf,
} from "../../src/fetch/charset-sources.js";

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("findByteOrderMark", () => {
  it.each([
    ["UTF-8", bytes(0xef, 0xbb, 0xbf, 0x3c), { label: "utf-8", length: 3 }],
    ["UTF-16BE", bytes(0xfe, 0xff, 0x00, 0x3c), { label: "utf-16be", length: 2 }],
    ["UTF-16LE", bytes(0xff, 0xfe, 0x3c, 0x00), { label: "utf-16le", length: 2 }],
    ["UTF-32LE is not mistaken for UTF-16LE (longest mark first)", bytes(0xff, 0xfe, 0x00, 0x00), { label: "utf-32le", length: 4 }],
    ["UTF-32BE", bytes(0x00, 0x00, 0xfe, 0xff), { label: "utf-32be", length: 4 }],
    ["no mark", ascii("<?xml"), null],
    ["too short to hold a mark", bytes(0xef), null],
  ])("%s", (_name, input, expected) => {
    expect(findByteOrderMark(input)).toEqual(expected);
  });
});

describe("findXmlUnicodeLayout", () => {
  it.each([
    ["`<?` in UTF-16BE", bytes(0x00, 0x3c, 0x00, 0x3f), "utf-16be"],
    ["`<?` in UTF-16LE", bytes(0x3c, 0x00, 0x3f, 0x00), "utf-16le"],
    ["`<` in UTF-32BE", bytes(0x00, 0x00, 0x00, 0x3c), "utf-32be"],
    ["`<` in UTF-32LE", bytes(0x3c, 0x00, 0x00, 0x00), "utf-32le"],
    ["ASCII-compatible `<?xm`", ascii("<?xm"), null],
  ])("%s", (_name, input, expected) => {
    expect(findXmlUnicodeLayout(input)).toBe(expected);
  });
});

describe("charsetFromContentType", () => {
  it.each([
    ["plain token", "text/xml; charset=gbk", "gbk"],
    ["double-quoted (RFC 9110 5.6.4)", 'application/xml; charset="big5"', "big5"],
    ["single-quoted, as feeds send it", "application/atom+xml;charset='us-ascii'", "us-ascii"],
    ["spaces around the equals sign", "application/xml;charset = us-ascii", "us-ascii"],
    ["parameter name in capitals", "text/html; Charset=UTF-8", "UTF-8"],
    ["after another parameter", "text/html; q=1; charset=big5", "big5"],
    ["no parameter", "text/xml", null],
    ["a trailing semicolon only", "text/xml;", null],
    ["`charset:` is not a parameter", "text/xml; charset:iso-8859-1", null],
    ["empty value", "text/xml; charset=", null],
    ["no header", null, null],
  ])("%s", (_name, header, expected) => {
    expect(charsetFromContentType(header)).toBe(expected);
  });

  it("mediaTypeOf drops parameters and case", () => {
    expect(mediaTypeOf("Application/RSS+XML; charset=utf-8")).toBe("application/rss+xml");
    expect(mediaTypeOf(null)).toBeNull();
  });
});

describe("charsetFromXmlDeclaration", () => {
  it.each([
    ["double quotes", '<?xml version="1.0" encoding="big5"?><rss/>', "big5"],
    ["single quotes", "<?xml version='1.0' encoding='GBK'?>", "GBK"],
    ["leading whitespace", '\n  <?xml version="1.0" encoding="gb2312"?>', "gb2312"],
    ["no encoding pseudo-attribute", '<?xml version="1.0"?><rss/>', null],
    ["not at the start", '<rss><?xml version="1.0" encoding="big5"?>', null],
    ["mismatched quotes", `<?xml version="1.0" encoding="big5'?>`, null],
    ["no declaration at all", "<rss/>", null],
  ])("%s", (_name, text, expected) => {
    expect(charsetFromXmlDeclaration(ascii(text))).toBe(expected);
  });
});

describe("charsetFromHtmlMeta", () => {
  it.each([
    ["<meta charset>", '<html><head><meta charset="big5"><title>x</title>', "big5"],
    ["unquoted", "<head><meta charset=gbk>", "gbk"],
    ["http-equiv content-type", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb2312"],
    ["content before http-equiv", '<meta content="text/html; charset=big5" http-equiv="content-type">', "big5"],
    ["inside a comment it does not count", '<!-- <meta charset="big5"> --><meta charset="utf-8">', "utf-8"],
    ["after <body> it does not count", '<head></head><body><meta charset="big5">', null],
    ["past 1024 bytes still counts (miniflux meta-after-1024)", `<!--${"x".repeat(2000)}--><meta charset="iso-8859-1">`, "iso-8859-1"],
    ["a content meta that is not content-type", '<meta name="description" content="charset=big5 is great">', null],
    ["none", "<html><head><title>x</title></head>", null],
  ])("%s", (_name, html, expected) => {
    expect(charsetFromHtmlMeta(ascii(html))).toBe(expected);
  });
});
