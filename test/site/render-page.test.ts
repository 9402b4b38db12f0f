// Tests src/site/render-page.ts: what each kind of page shows, with the default theme.
import { describe, expect, it } from "vitest";
import { parseSiteConfig, type SiteConfig } from "../../src/site/config.js";
import { planPages, type PlannedPage } from "../../src/site/page-plan.js";
import { HtmlCache, keptArticles } from "../../src/site/post-reader.js";
import type { PostSummary } from "../../src/site/post-record.js";
import { contentSecurityPolicy, escapeHtml, renderPage, type RenderContext } from "../../src/site/render-page.js";
import { loadTheme } from "../../src/site/theme.js";

function config(text = ""): SiteConfig {
  const parsed = parseSiteConfig(text);
  if (!parsed.ok) throw new Error(parsed.failure.message);
  return parsed.value;
}

function post(i: number, overrides: Partial<PostSummary> = {}): PostSummary {
  const time = Date.parse("2023-12-06T17:30:00Z") + i * 60_000;
  return {
    fileName: `2023-12-07-p${i}.md`, size: 1, mtimeMs: 1, title: `標題 ${i}`, time, author: "(臺)中央社CNA", site: "(臺)中央社CNA",
    from: `https://www.cna.com.tw/${i}`, comments: true, categories: [], lang: "", hash: `h${i}`, url: `/2023-12-07/p${i}/`,
    path: `2023-12-07/p${i}/index.html`, day: "2023-12-07", ...overrides,
  };
}

async function context(siteConfig: SiteConfig, posts: PostSummary[]): Promise<RenderContext> {
  const theme = await loadTheme("/nonexistent-mirror");
  if (!theme.ok) throw new Error(theme.failure.message);
  const plan = planPages(posts, siteConfig, { siteHash: "s", assets: theme.value.assets });
  return { plan, config: siteConfig, theme: theme.value, loadHtml: async (p) => `<p>body of ${p.title}</p><script>alert(1)</script>`, searchScripts: ["search.js"], toggle: true };
}

async function html(ctx: RenderContext, path: string): Promise<string> {
  const page = ctx.plan.pages.find((p: PlannedPage) => p.path === path);
  if (!page) throw new Error(`no page ${path}`);
  const bytes = await renderPage(ctx, page);
  if (typeof bytes !== "string") throw new Error("not a page");
  return bytes;
}

describe("a post page", () => {
  it("shows title, source, Taipei time with UTC on hover, 原文, the article as is, and neighbours in its source", async () => {
    const ctx = await context(config(), [post(0), post(1), post(2)]);
    const page = await html(ctx, "2023-12-07/p1/index.html");
    expect(page).toContain("<h1>標題 1</h1>");
    expect(page).toContain('<time datetime="2023-12-06T17:31:00.000Z" title="2023-12-06 17:31 UTC">2023-12-07 01:31</time>');
    expect(page).toContain('<a class="original" href="https://www.cna.com.tw/1" rel="noopener noreferrer">原文</a>');
    expect(page).toContain("<p>body of 標題 1</p><script>alert(1)</script>");
    expect(page).toContain('<a data-key="prev" rel="prev" href="../p0/index.html">← 標題 0</a>');
    expect(page).toContain('<a data-key="next" rel="next" href="../p2/index.html">標題 2 →</a>');
    expect(page).toContain('<a href="../../source/(臺)中央社cna/index.html">(臺)中央社CNA</a>');
    expect(page).toContain('<html lang="zh">');
    expect(page).toContain('<script src="../../assets/toggle.js" defer></script>');
  });

  it.each([
    ["an author equal to the source is not repeated", "(臺)中央社CNA", false],
    ["a different author is shown", "記者王小明", true],
  ])("%s", async (_reason, author, shown) => {
    const ctx = await context(config(), [post(0, { author })]);
    expect((await html(ctx, "2023-12-07/p0/index.html")).includes('<span class="author">')).toBe(shown);
  });

  it("marks an English post's article with lang=en", async () => {
    const ctx = await context(config(), [post(0, { title: "Shanghai scams", lang: "en" })]);
    expect(await html(ctx, "2023-12-07/p0/index.html")).toContain('<article class="post" lang="en">');
  });

  it.each([
    ["no provider configured: nothing", "", true, null],
    ["giscus configured and comments: True", "giscus:\n  repo: a/b\n  repo_id: R\n  category: C\n  category_id: CI\n", true, 'src="https://giscus.app/client.js" data-repo="a/b"'],
    ["giscus configured but the post has no comments line", "giscus:\n  repo: a/b\n  repo_id: R\n  category: C\n  category_id: CI\n", false, null],
    ["disqus configured", "disqus:\n  shortname: mirror\n", true, 'src="https://mirror.disqus.com/embed.js"'],
  ])("comments: %s", async (_reason, settings, comments, expected) => {
    const ctx = await context(config(settings), [post(0, { comments })]);
    const page = await html(ctx, "2023-12-07/p0/index.html");
    if (expected === null) expect(page).not.toContain('class="comments"');
    else expect(page).toContain(expected);
  });
});

describe("article HTML kept from the scan", () => {
  it("is written as its bytes, giving the page its text gives, and a feed leaves it kept for that page", async () => {
    const ctx = await context(config(), [post(0), post(1), post(2)]);
    const cache = new HtmlCache(1_000_000);
    for (const p of ctx.plan.posts) cache.keep(p.fileName, Buffer.from(`<p>body of ${p.title}</p><script>alert(1)</script>`));
    // The build's own wiring; a post that is not kept would be read from this (missing) folder as "".
    const fromBytes: RenderContext = { ...ctx, ...keptArticles(cache, "/nonexistent-posts") };
    const feed = fromBytes.plan.pages.find((p) => p.path === "feed.xml")!;
    expect(await renderPage(fromBytes, feed)).toBe(await html(ctx, "feed.xml"));
    const page = fromBytes.plan.pages.find((p) => p.path === "2023-12-07/p1/index.html")!;
    expect(cache.peek("2023-12-07-p1.md")).toBeDefined();
    const bytes = await renderPage(fromBytes, page);
    // In parts: the bytes before the article, the article's own, the bytes after it.
    expect(Array.isArray(bytes) && bytes.length).toBe(3);
    expect(Buffer.concat(bytes as Uint8Array[]).toString()).toBe(await html(ctx, "2023-12-07/p1/index.html"));
    expect(cache.peek("2023-12-07-p1.md")).toBeUndefined();
  });
});

describe("list pages", () => {
  it("group the newest posts by day in the site's zone, with a search box and feeds", async () => {
    const ctx = await context(config(), [post(0, { day: "2023-12-07" }), post(1, { day: "2023-12-07", title: "<b>&" })]);
    const home = await html(ctx, "index.html");
    expect(home).toContain('<h2><time datetime="2023-12-07">2023-12-07</time></h2>');
    expect(home.indexOf("&lt;b&gt;&amp;")).toBeLessThan(home.indexOf("標題 0"));
    expect(home).toContain('<form class="search" action="./search/index.html" method="get" role="search">');
    expect(home).toContain('<link rel="alternate" type="application/atom+xml" title="newsmirror" href="./feed.xml">');
  });

  it("the sources page lists counts and last update", async () => {
    const ctx = await context(config(), [post(0), post(1)]);
    expect(await html(ctx, "sources/index.html")).toContain('<td class="count">2</td><td><time datetime="2023-12-06T17:31:00.000Z" title="2023-12-06 17:31 UTC">2023-12-07 01:31</time>');
  });

  it("the 404 page links from the base path, as it is served at any URL", async () => {
    const ctx = await context(config("baseurl: /news\n"), [post(0)]);
    const page = await html(ctx, "404.html");
    expect(page).toContain('<link rel="stylesheet" href="/news/assets/style.css">');
    expect(page).toContain('<a href="/news/index.html">首頁</a>');
  });

  it("the search page has the form the search script reads, and its scripts", async () => {
    const ctx = await context(config(), [post(0)]);
    const page = await html(ctx, "search/index.html");
    expect(page).toContain('<input id="search-input" type="search" name="q"');
    expect(page).toContain('<option value="(臺)中央社CNA">');
    expect(page).toContain('<script src="../assets/search.js" defer></script>');
  });
});

describe("the Content-Security-Policy", () => {
  it.each([
    ["default: only the site's own scripts and styles", null, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; media-src 'self' https:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'"],
    ["giscus adds its script and frame origin", { provider: "giscus" as const, repo: "a", repoId: "b", category: "c", categoryId: "d" }, /script-src 'self' https:\/\/giscus.app;.*frame-src https:\/\/giscus.app/],
  ])("%s", (_reason, comments, expected) => {
    const policy = contentSecurityPolicy(comments);
    if (typeof expected === "string") expect(policy).toBe(expected);
    else expect(policy).toMatch(expected);
    expect(policy).not.toContain("unsafe");
  });

  it("escapeHtml escapes what Liquid's escape does", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
