// Tests src/site/feed-entries.ts: a feed made from the last file's entries is the feed made from scratch.
import { describe, expect, it } from "vitest";
import { parseSiteConfig, type SiteConfig } from "../../src/site/config.js";
import { entryKey, lastEntries, reusedItems, spliced } from "../../src/site/feed-entries.js";
import { escapeXml, renderAtom, renderJsonFeed, renderRss, siteUrl, type FeedItem, type FeedSpec } from "../../src/site/mirror-feeds.js";
import type { FeedFormat } from "../../src/site/page-plan.js";
import type { PostSummary } from "../../src/site/post-record.js";
import { corpusFeedItems } from "../support/feed-sample.js";

function config(text: string): SiteConfig {
  const parsed = parseSiteConfig(text);
  if (!parsed.ok) throw new Error(parsed.failure.message);
  return parsed.value;
}

const sample = await corpusFeedItems(config(""));
const posts = sample.map((item) => item.post);
const html = new Map(sample.map((item) => [item.post.fileName, item.html]));
const itemOf = (post: PostSummary): FeedItem => ({ post, html: html.get(post.fileName)! });

const RENDER: Record<FeedFormat, (spec: FeedSpec) => string> = { atom: renderAtom, rss: renderRss, json: renderJsonFeed };

describe.each([
  ["without url", config("")],
  ["with url and baseurl", config("url: https://m.example\nbaseurl: /news\n")],
])("a feed %s", (_name, siteConfig) => {
  const spec = (items: FeedSpec["items"]): FeedSpec => ({ config: siteConfig, title: "鏡像", selfPath: "feed.xml", listPath: "index.html", items });

  it.each(["atom", "rss", "json"] as const)("%s: reusing the last file's entries gives the feed made from scratch, reading only the new posts", async (format) => {
    const render = RENDER[format];
    const before = posts.slice(2, 10);
    const after = [...posts.slice(0, 2), ...posts.slice(2, 8)];
    const last = Buffer.from(render(spec(before.map(itemOf))));
    expect(lastEntries(format, last).size).toBe(before.length);
    const read: string[] = [];
    const { items, known } = await reusedItems(format, siteConfig, last, after, async (post) => {
      read.push(post.fileName);
      return html.get(post.fileName)!;
    });
    expect(read).toEqual(posts.slice(0, 2).map((post) => post.fileName));
    expect(known).toHaveLength(6);
    expect(Buffer.from(spliced(render(spec(items)), known, "feed.xml")).toString()).toBe(render(spec(after.map(itemOf))));
  });

  it.each(["atom", "rss", "json"] as const)("%s: each entry is keyed by its post's link", (format) => {
    const entries = lastEntries(format, Buffer.from(RENDER[format](spec(posts.map(itemOf)))));
    const link = (post: PostSummary): string => (format === "json" ? JSON.stringify(siteUrl(siteConfig, post.path)) : escapeXml(siteUrl(siteConfig, post.path)));
    for (const post of posts) expect(Buffer.from(entries.get(entryKey(format, siteConfig, post))!).toString()).toContain(link(post));
  });
});

describe("lastEntries", () => {
  const siteConfig = config("");
  const spec = (items: FeedSpec["items"]): FeedSpec => ({ config: siteConfig, title: "鏡像", selfPath: "feed.xml", listPath: "index.html", items });

  it.each(["atom", "rss", "json"] as const)("%s: a file cut inside an entry gives no entry, so every entry is made again", (format) => {
    const file = Buffer.from(RENDER[format](spec(posts.map(itemOf))));
    const entries = [...lastEntries(format, file).values()];
    // Cut halfway through the third entry.
    const third = file.indexOf(Buffer.from(entries[2]!));
    expect(lastEntries(format, file.subarray(0, third + Math.floor(entries[2]!.length / 2)))).toEqual(new Map());
    expect(lastEntries(format, Buffer.alloc(0))).toEqual(new Map());
  });

  it.each(["atom", "rss", "json"] as const)("%s: a file cut between entries gives the whole entries before the cut", (format) => {
    const file = Buffer.from(RENDER[format](spec(posts.map(itemOf))));
    const entries = [...lastEntries(format, file).values()];
    const afterThird = file.indexOf(Buffer.from(entries[2]!)) + entries[2]!.length;
    expect([...lastEntries(format, file.subarray(0, afterThird)).values()]).toEqual(entries.slice(0, 3));
  });

  it("reads no entry from a file in another format", () => {
    expect(lastEntries("atom", Buffer.from(renderRss(spec(posts.map(itemOf)))))).toEqual(new Map());
    expect(lastEntries("json", Buffer.from(renderAtom(spec(posts.map(itemOf)))))).toEqual(new Map());
  });
});

describe("spliced", () => {
  it("refuses a text whose marks are not each entry once, in order", () => {
    const entry = new Uint8Array([0x61]);
    expect(Buffer.from(spliced("x\u00000\u0000y", [entry], "feed.xml")).toString()).toBe("xay");
    expect(() => spliced("x", [entry], "source/a/feed.xml")).toThrow(/^source\/a\/feed\.xml: .*not all in place/);
    expect(() => spliced("\u00001\u0000\u00000\u0000", [entry, entry], "feed.xml")).toThrow(/not all in place/);
  });
});
