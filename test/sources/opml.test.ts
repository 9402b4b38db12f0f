// Tests of opml.ts: OPML in (nested, as readers export it) and out (2.0), round trips.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SOURCES, formatOpml, parseOpml } from "../../src/sources/index.js";

/** An OPML 1.0 export as feed readers write it: folders, mixed-case attributes, entities. */
const READER_EXPORT = `<?xml version="1.0" encoding="utf-8"?>
<opml version="1.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="BBC 中文" title="BBC 中文" xmlUrl="https://feeds.bbci.co.uk/zhongwen/simp/rss.xml" htmlUrl="https://www.bbc.com/zhongwen/simp"/>
      <outline text="Deeper">
        <outline type="rss" text="A &amp; B" xmlUrl="https://example.com/feed?a=1&amp;b=2"/>
      </outline>
    </outline>
    <outline type="rss" title="" text="" xmlurl="https://solidot.org/index.rss"/>
    <outline type="link" text="Not a feed" url="https://example.com/"/>
  </body>
</opml>`;

describe("parseOpml", () => {
  it("reads nested outlines with xmlUrl; site is title, else text, else the host", () => {
    expect(parseOpml(READER_EXPORT, "subs.opml")).toEqual({
      ok: true,
      value: [
        { site: "BBC 中文", url: "https://feeds.bbci.co.uk/zhongwen/simp/rss.xml" },
        { site: "A & B", url: "https://example.com/feed?a=1&b=2" },
        { site: "solidot.org", url: "https://solidot.org/index.rss" },
      ],
    });
  });

  it("reads what formatOpml writes, for the default sources", () => {
    expect(parseOpml(formatOpml(DEFAULT_SOURCES, "x"), "x.opml")).toEqual({ ok: true, value: DEFAULT_SOURCES });
  });

  it("reads an empty subscription list as no feeds", () => {
    expect(parseOpml('<opml version="2.0"><head/><body/></opml>', "x.opml")).toEqual({ ok: true, value: [] });
  });

  it.each([
    ["an RSS feed given by mistake", '<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "has <rss> as its root element"],
    ["plain text", "hello", "has no XML elements"],
    ["an empty file", "", "has no XML elements"],
  ])("refuses %s", (_, text, words) => {
    const parsed = parseOpml(text, "feeds.opml");
    expect(parsed.ok ? null : parsed.failure.code).toBe("sources.invalid");
    expect(parsed.ok ? "" : parsed.failure.message).toContain(words);
  });

  it("names the line of an outline whose xmlUrl is not http(s)", () => {
    const parsed = parseOpml('<opml version="2.0">\n<body>\n<outline text="x" xmlUrl="feed://example.com/rss"/>\n</body></opml>', "feeds.opml");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.failure.line).toBe(3);
    expect(parsed.failure.message).toBe("feeds.opml line 3: the outline's xmlUrl is not an http:// or https:// URL: feed://example.com/rss");
  });

  it("never throws on random markup", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."<>/=\"' opmlutinexUrhtps:&;!-?[]") }), (text) => {
        const parsed = parseOpml(`<opml>${text}`, "x.opml");
        expect(typeof parsed.ok).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });
});

/** http(s) URLs with any path and query text (fc.webUrl is too slow to generate for this). */
const feedUrl = fc
  .tuple(fc.constantFrom("http", "https"), fc.constantFrom("example.com", "feedx.net", "xn--fiq228c.tw", "127.0.0.1:8080"), fc.string(), fc.string())
  .map(([scheme, host, path, query]) => new URL(`${scheme}://${host}/${encodeURIComponent(path)}?q=${encodeURIComponent(query)}&a=<"b">`).href);

describe("formatOpml", () => {
  it("writes OPML 2.0 with one rss outline per source", () => {
    expect(formatOpml([{ site: "BBC", url: "https://rsshub.app/bbc/chinese" }], "My mirror")).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>My mirror</title>\n  </head>\n  <body>\n' +
        '    <outline type="rss" text="BBC" title="BBC" xmlUrl="https://rsshub.app/bbc/chinese"/>\n  </body>\n</opml>\n',
    );
  });

  it("escapes markup, keeps line breaks as references and drops characters XML 1.0 forbids", () => {
    const opml = formatOpml([{ site: 'a"<b>&\n\u0001c', url: "https://x/?a=1&b=2" }], "t&t");
    expect(opml).toContain('text="a&quot;&lt;b&gt;&amp;&#10;c"');
    expect(opml).toContain('xmlUrl="https://x/?a=1&amp;b=2"');
    expect(opml).toContain("<title>t&amp;t</title>");
  });

  it("round-trips any site name and http URL through parseOpml (spaces collapsed as in a title)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ site: fc.string({ minLength: 1 }), url: feedUrl }), { maxLength: 3 }),
        (sources) => {
          const parsed = parseOpml(formatOpml(sources, "t"), "x.opml");
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          const expected = sources.map(({ site, url }) => {
            const clean = site.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "").replace(/\s+/g, " ").trim();
            return { site: clean || new URL(url.trim()).hostname, url: url.trim() };
          });
          expect(parsed.value).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
