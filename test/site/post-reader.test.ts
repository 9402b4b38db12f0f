// Tests src/site/post-reader.ts: every corpus post read and placed where Jekyll 4.3.1 puts it; rereading only changes.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseSiteConfig, type SiteConfig } from "../../src/site/config.js";
import { articleText } from "../../src/site/article-html.js";
import { forEachLimited, HtmlCache, readArticle, readPostHtml, scanPosts } from "../../src/site/post-reader.js";
import { sharedPath } from "../support/paths.js";

function config(text = ""): SiteConfig {
  const parsed = parseSiteConfig(text);
  if (!parsed.ok) throw new Error(parsed.failure.message);
  return parsed.value;
}

const temp = mkdtempSync(join(tmpdir(), "newsmirror-reader-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/**
 * `jekyll build` (Jekyll 4.3.1, Debian's package, TZ=UTC, `permalink: /:year-:month-:day/:title/`) of all
 * 2,470 corpus posts wrote 2,469 post pages (two posts share one URL: Jekyll reports the conflict). The count
 * and SHA-256 of their paths, sorted by code point and joined by "\n":
 */
const JEKYLL_CORPUS_PAGES = 2469;
const JEKYLL_CORPUS_SHA256 = "bbb370ed13d92c103dc06b99db6b4452d3564617c8c03844f7a196f47f10d913";

describe("scanPosts over shared/corpus/posts", () => {
  it("reads all 2,470 posts and places them exactly where Jekyll 4.3.1 wrote them", async () => {
    const scan = await scanPosts(sharedPath("corpus/posts"), config("permalink: /:year-:month-:day/:title/\n"), new Map(), false);
    expect(scan.unreadable).toEqual([]);
    expect(scan.posts.length).toBe(2470);
    const paths = [...new Set(scan.posts.map((p) => p.path))].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(paths.length).toBe(JEKYLL_CORPUS_PAGES);
    expect(createHash("sha256").update(paths.join("\n")).digest("hex")).toBe(JEKYLL_CORPUS_SHA256);
  }, 60_000);
});

describe("scanPosts with a cache", () => {
  const dir = join(temp, "_posts");
  mkdirSync(join(dir, "sub"), { recursive: true });
  const post = (title: string) => `---\nlayout: post\ntitle: "${title}"\ndate: 2024-01-01T00:00:00.000Z\nauthor: a\nfrom: https://x.example/\ntags: [ s ]\ncategories: [ s ]\n---\n<div>\n<p>${title}</p>\n</div>\n`;
  writeFileSync(join(dir, "2024-01-01-a.md"), post("a"));
  writeFileSync(join(dir, "sub", "2024-01-01-b.md"), post("b"));
  writeFileSync(join(dir, ".2024-01-01-hidden.md"), post("hidden"));
  writeFileSync(join(dir, "2024-01-01-c.md.tmp"), post("temp"));
  writeFileSync(join(dir, "notes.txt"), "not a post");

  it("reads post files in subfolders too, skipping dot-files and other extensions", async () => {
    const scan = await scanPosts(dir, config(), new Map(), false);
    expect(scan.posts.map((p) => p.fileName).sort()).toEqual(["2024-01-01-a.md", "sub/2024-01-01-b.md"]);
  });

  it("rereads only files whose size or mtime changed", async () => {
    const first = await scanPosts(dir, config(), new Map(), false);
    const cache = new Map(first.posts.map((p) => [p.fileName, p]));
    const again = await scanPosts(dir, config(), cache, true);
    expect(again.parsed).toBe(0);
    writeFileSync(join(dir, "2024-01-01-a.md"), post("a2"));
    utimesSync(join(dir, "2024-01-01-a.md"), new Date(), new Date(Date.now() + 10_000));
    const changed = await scanPosts(dir, config(), cache, true);
    expect(changed.parsed).toBe(1);
    expect(changed.posts.find((p) => p.fileName === "2024-01-01-a.md")!.title).toBe("a2");
  });

  it("keeps HTML for the render within its budget, and rereads it from disk otherwise", async () => {
    const cache = new HtmlCache(10);
    await scanPosts(dir, config(), new Map(), false, cache);
    const kept = cache.take("2024-01-01-a.md") ?? cache.take("sub/2024-01-01-b.md");
    expect(articleText(kept!)).toMatch(/^<p>a2?<\/p>$|^<p>b<\/p>$/);
    expect(await readPostHtml(dir, "sub/2024-01-01-b.md")).toBe("<p>b</p>");
    expect(await readPostHtml(dir, "gone.md")).toBe("");
  });
});

describe("readArticle", () => {
  it("gives a UTF-8 post's HTML as its bytes in the file, and another's as the text decoding gives", async () => {
    const dir = join(temp, "articles");
    mkdirSync(dir, { recursive: true });
    const head = "---\ntitle: t\ndate: 2024-01-01T00:00:00.000Z\n---\n<div>\n";
    writeFileSync(join(dir, "2024-01-01-good.md"), `${head}<p>詐騙</p>\n</div>\n`);
    writeFileSync(join(dir, "2024-01-01-bad.md"), Buffer.concat([Buffer.from(`${head}<p>`), Buffer.from([0xe8, 0xa9]), Buffer.from("</p>\n</div>\n")]));
    const good = await readArticle(dir, "2024-01-01-good.md");
    expect(good).toBeInstanceOf(Uint8Array);
    expect(articleText(good)).toBe("<p>詐騙</p>");
    expect(await readArticle(dir, "2024-01-01-bad.md")).toBe("<p>\ufffd</p>");
    expect(await readArticle(dir, "gone.md")).toBe("");
  });
});

describe("forEachLimited", () => {
  it("runs every item with at most the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      done.push(n);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });
});
