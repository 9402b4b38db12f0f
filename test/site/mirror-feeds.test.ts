// Tests src/site/mirror-feeds.ts: Atom, RSS 2.0, JSON Feed, sitemap and robots.txt as text.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSiteConfig, type SiteConfig } from "../../src/site/config.js";
import { escapeXml, originalLink, renderAtom, renderJsonFeed, renderRobots, renderRss, renderSitemap, renderSitemapIndex, siteUrl, type FeedItem, type FeedSpec } from "../../src/site/mirror-feeds.js";
import type { PostSummary } from "../../src/site/post-record.js";
import { corpusFeedItems } from "../support/feed-sample.js";

function config(text: string): SiteConfig {
  const parsed = parseSiteConfig(text);
  if (!parsed.ok) throw new Error(parsed.failure.message);
  return parsed.value;
}

const post: PostSummary = {
  fileName: "2023-12-07-王毅.md", size: 1, mtimeMs: 1, title: "王毅 <會> & \"緬甸\"\u0001", time: Date.parse("2023-12-07T03:12:00Z"), author: "記者",
  site: "(臺)中央社CNA", from: "https://www.cna.com.tw/news/1.aspx", comments: true, categories: [], lang: "", hash: "h",
  url: "/2023-12-07/%E7%8E%8B%E6%AF%85/", path: "2023-12-07/王毅/index.html", day: "2023-12-07",
};

function spec(siteConfig: SiteConfig): FeedSpec {
  return { config: siteConfig, title: "Mirror", selfPath: "feed.xml", listPath: "index.html", items: [{ post, html: "<p>詐騙 &amp; <b>x</b>\u0000</p>" }] };
}

const withUrl = config("url: https://m.example\nbaseurl: /news\n");

describe("Atom and RSS", () => {
  it.each([
    ["Atom", renderAtom],
    ["RSS 2.0", renderRss],
  ])("%s is well-formed XML carrying the full content and the control-free title", (_name, render) => {
    const xml = render(spec(withUrl));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    const item = doc.feed?.entry ?? doc.rss?.channel?.item;
    expect(item.title["#text"] ?? item.title).toBe('王毅 <會> & "緬甸"');
    expect(JSON.stringify(item)).toContain("詐騙");
  });

  it("Atom ids and links are absolute with url set, and the original is rel=via", () => {
    const xml = renderAtom(spec(withUrl));
    expect(xml).toContain("<id>https://m.example/news/2023-12-07/王毅/</id>");
    expect(xml).toContain('<link rel="via" type="text/html" href="https://www.cna.com.tw/news/1.aspx"/>');
    expect(xml).toContain("<updated>2023-12-07T03:12:00.000Z</updated>");
  });

  it("without url, Atom ids fall back to the original link (ids must be absolute, RFC 4287 4.2.6)", () => {
    expect(renderAtom(spec(config("")))).toContain("<id>https://www.cna.com.tw/news/1.aspx</id>");
  });
});

describe("JSON Feed 1.1", () => {
  it("parses and carries the HTML as is", () => {
    const feed = JSON.parse(renderJsonFeed(spec(withUrl)));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items[0]).toMatchObject({ url: "https://m.example/news/2023-12-07/王毅/", external_url: "https://www.cna.com.tw/news/1.aspx", date_published: "2023-12-07T03:12:00.000Z", authors: [{ name: "記者" }] });
    expect(feed.items[0].content_html).toContain("詐騙 &amp; <b>x</b>");
  });
});

describe("sitemap and robots.txt", () => {
  it("lists absolute URLs with day-precision lastmod", () => {
    const xml = renderSitemap(withUrl, [{ path: "index.html", lastmod: post.time }, { path: "sources/index.html", lastmod: null }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain("<url><loc>https://m.example/news/</loc><lastmod>2023-12-07</lastmod></url>");
    expect(xml).toContain("<url><loc>https://m.example/news/sources/</loc></url>");
    expect(renderSitemapIndex(withUrl, ["sitemap-1.xml"])).toContain("<sitemap><loc>https://m.example/news/sitemap-1.xml</loc></sitemap>");
  });

  it("names the sitemap in robots.txt only with an absolute URL", () => {
    expect(renderRobots(withUrl)).toBe("User-agent: *\nAllow: /\nSitemap: https://m.example/news/sitemap.xml\n");
    expect(renderRobots(config(""))).toBe("User-agent: *\nAllow: /\n");
  });
});

describe("escaping", () => {
  it("escapeXml output of any string is valid XML text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(XMLValidator.validate(`<a b="${escapeXml(text)}">${escapeXml(text)}</a>`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ["https is linked", "https://a.example/x", "https://a.example/x"],
    ["javascript: never", "javascript:alert(1)", null],
    ["not a URL", "::::", null],
  ])("originalLink: %s", (_reason, from, link) => {
    expect(originalLink(from)).toBe(link);
  });
});

describe("renderJsonFeed, made item by item", () => {
  const items = (): Promise<FeedItem[]> => corpusFeedItems(config(""));

  /** The feed as the renderer made it before it made items one by one: the whole object through JSON.stringify. */
  function wholeFeed(spec: FeedSpec): string {
    const link = (path: string): string => siteUrl(spec.config, path);
    const feed = {
      version: "https://jsonfeed.org/version/1.1", title: spec.title, home_page_url: link(spec.listPath), feed_url: link(spec.selfPath), language: spec.config.lang,
      items: spec.items.map((item) => {
        const { post, html: content } = item as FeedItem;
        const original = originalLink(post.from);
        return {
          id: spec.config.url ? link(post.path) : original ?? `urn:newsmirror:${encodeURIComponent(post.fileName)}`, url: link(post.path),
          ...(original ? { external_url: original } : {}), title: post.title, content_html: content, date_published: new Date(post.time).toISOString(),
          authors: [{ name: post.author || post.site }], tags: [post.site], ...(post.lang ? { language: post.lang } : {}),
        };
      }),
    };
    return `${JSON.stringify(feed, null, 1)}\n`;
  }

  it.each([
    ["without url", config("")],
    ["with url", config("url: https://m.example\nbaseurl: /news\n")],
  ])("writes what JSON.stringify of the whole feed wrote, with items and without (%s)", async (_name, siteConfig) => {
    const sample = await items();
    expect(sample.some(({ post: p }) => p.lang !== "") && sample.some(({ post: p }) => originalLink(p.from) !== null)).toBe(true);
    for (const list of [sample, []]) {
      const spec: FeedSpec = { config: siteConfig, title: "鏡像", selfPath: "feed.json", listPath: "index.html", items: list };
      expect(renderJsonFeed(spec)).toBe(wholeFeed(spec));
    }
  });
});
