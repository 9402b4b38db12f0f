// Tests src/site/build.ts: a full build of the shared corpus (every post read, zero broken internal links,
// CSP on every page, a light home page) and incremental builds byte-identical to full ones.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Parser } from "htmlparser2";
import * as OpenCC from "opencc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuildReport } from "../../src/site/index.js";
import { listHere } from "../../src/site/post-listing.js";
import { readShardFromDir, searchIndex } from "../../src/site/search/index.js";
import { sharedPath } from "../support/paths.js";
import { expectSameTree, listFiles, mustBuild, readTree } from "../support/site-tree.js";

const CORPUS = sharedPath("corpus/posts");
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "newsmirror-site-"));
  temps.push(dir);
  return dir;
}

afterAll(() => {
  // rmSync does not follow the `_posts` symlink into the corpus (it lstat()s).
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}, 120_000);

interface BrokenLink {
  page: string;
  href: string;
}

/** Links to skip: other sites, in-page anchors, data and mail. */
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

/**
 * Every href/src/action in the site's own markup that does not lead to a built file. The article of a
 * post page (from `<div class="post-body">` to the page's last `</article>`) is third-party HTML and skipped.
 */
function brokenLinks(root: string, files: Set<string>): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const page of files) {
    if (!page.endsWith(".html")) continue;
    const html = readFileSync(join(root, page), "utf8");
    const bodyStart = html.indexOf('<div class="post-body">');
    const bodyEnd = html.lastIndexOf("</article>");
    const links: Array<{ href: string; at: number }> = [];
    const parser = new Parser({
      onopentag(name, attributes) {
        const at = parser.startIndex;
        for (const attribute of ["href", "src", "action"]) {
          const value = attributes[attribute];
          if (value !== undefined && ["a", "link", "script", "img", "form"].includes(name)) links.push({ href: value, at });
        }
      },
    });
    parser.write(html);
    parser.end();
    for (const { href, at } of links) {
      if (bodyStart >= 0 && at > bodyStart && at < bodyEnd) continue;
      if (EXTERNAL.test(href)) continue;
      // The 404 page links from the site root ("/…"): it is served at any missing path.
      const base = href.startsWith("/") ? "file:///site/" : `file:///site/${page}`;
      const url = new URL(href.startsWith("/") ? href.slice(1) : href, base);
      let target = decodeURIComponent(url.pathname).replace(/^\/site\//, "");
      if (target === "" || target.endsWith("/")) target += "index.html";
      if (!files.has(target)) broken.push({ page, href });
    }
  }
  return broken;
}

describe("a full build of shared/corpus/posts", () => {
  let dir: string;
  let report: BuildReport;
  let files: Set<string>;

  beforeAll(async () => {
    dir = tempDir();
    symlinkSync(CORPUS, join(dir, "_posts"));
    const built = await buildSite({ dir, search: false });
    if (!built.ok) throw new Error(built.failure.message);
    report = built.value;
    files = new Set(listFiles(join(dir, "_site")));
  }, 120_000);

  it("reads every post: golden, older format, <!--NaN-->, odd file names", () => {
    expect(report.unreadable).toEqual([]);
    expect(report.posts).toBe(readdirSync(CORPUS).filter((name) => name.endsWith(".md")).length);
    expect(report.written).toBe(report.pages);
  });

  it("has the pages issue #3 lists", () => {
    for (const path of ["index.html", "sources/index.html", "archive/index.html", "404.html", "search/index.html", "feed.xml", "rss.xml", "feed.json", "sitemap.xml", "robots.txt", "page/1/index.html"]) {
      expect(files.has(path), path).toBe(true);
    }
  });

  it("finds zero broken internal links in the site's own markup", () => {
    expect(brokenLinks(join(dir, "_site"), files)).toEqual([]);
  });

  it("puts the Content-Security-Policy on every page", () => {
    const pages = [...files].filter((f) => f.endsWith(".html"));
    const missing = pages.filter((page) => !readFileSync(join(dir, "_site", page), "utf8").includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:;`));
    expect(missing).toEqual([]);
  });

  it("keeps the home page under 100 KB with no external asset", () => {
    const home = readFileSync(join(dir, "_site", "index.html"), "utf8");
    expect(Buffer.byteLength(home)).toBeLessThan(100_000);
    expect(home).not.toMatch(/<(?:link|script)[^>]+(?:href|src)="(?:https?:)?\/\//);
    expect((home.match(/<li[ >]/g) ?? []).length).toBe(50);
  });

  it("shows a post with its source, local time with UTC on hover, and the original link", () => {
    const page = readFileSync(join(dir, "_site", "2021-01-14", "Japanese-people-may-have-gained-longevity-by-balan", "index.html"), "utf8");
    expect(page).toContain("<h1>");
    expect(page).toMatch(/<time datetime="2021-01-1\dT[^"]+Z" title="2021-01-1\d \d\d:\d\d UTC">2021-01-1\d \d\d:\d\d<\/time>/);
    expect(page).toMatch(/<a class="original" href="https?:\/\/[^"]+" rel="noopener noreferrer">原文<\/a>/);
  });
});

/** Copies `names` from the corpus into `dir/_posts`. */
function copyPosts(dir: string, names: string[]): void {
  mkdirSync(join(dir, "_posts"), { recursive: true });
  for (const name of names) copyFileSync(join(CORPUS, name), join(dir, "_posts", name));
}

describe("incremental builds", () => {
  const all = readdirSync(CORPUS).filter((name) => name.startsWith("2020-09-")).sort();
  const first = all.slice(0, 120);
  const later = all.slice(120, 150);

  it("after new, edited and deleted posts, equal a full build byte for byte, writing only what changed", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "_config.yml"), "title: Test mirror\npaginate: 20\n");
    copyPosts(dir, first);
    const initial = await mustBuild({ dir, search: false });
    expect(initial.written).toBe(initial.pages);

    const unchanged = await mustBuild({ dir, search: false });
    expect(unchanged.written).toBe(0);
    expect(unchanged.parsed).toBe(0);

    copyPosts(dir, later);
    const edited = join(dir, "_posts", first[10]!);
    writeFileSync(edited, readFileSync(edited, "utf8").replace(/\n<\/div>\n$/, "<p>更正</p>\n</div>\n"));
    utimesSync(edited, new Date(), new Date(Date.now() + 5000));
    unlinkSync(join(dir, "_posts", first[20]!));
    const incremental = await mustBuild({ dir, search: false });
    expect(incremental.parsed).toBe(later.length + 1);
    expect(incremental.removed).toBeGreaterThanOrEqual(1);
    expect(incremental.written).toBeLessThan(incremental.pages / 2);

    const fresh = tempDir();
    copyPosts(fresh, [...first.filter((_, i) => i !== 20), ...later]);
    copyFileSync(edited, join(fresh, "_posts", first[10]!));
    writeFileSync(join(fresh, "_config.yml"), "title: Test mirror\npaginate: 20\n");
    await mustBuild({ dir: fresh, search: false, full: true });
    expectSameTree(readTree(join(dir, "_site")), readTree(join(fresh, "_site")));
  }, 60_000);

  it("renders everything again when the output folder was deleted, and records the posts that came meanwhile", async () => {
    const dir = tempDir();
    copyPosts(dir, first.slice(0, 10));
    const built = await mustBuild({ dir, search: false });
    rmSync(join(dir, "_site"), { recursive: true });
    copyPosts(dir, first.slice(10, 12));
    unlinkSync(join(dir, "_posts", first[0]!));
    const again = await mustBuild({ dir, search: false });
    expect(again.written).toBe(again.pages);
    expect(again.posts).toBe(built.posts + 1);
    expect(existsSync(join(dir, "_site", "index.html"))).toBe(true);
    // The manifest knows the new posts and forgot the deleted one: nothing to read or write next time.
    const next = await mustBuild({ dir, search: false });
    expect([next.parsed, next.written, next.removed]).toEqual([0, 0, 0]);
  });

  it("rebuilds everything when the settings change, and removes pages no post needs", async () => {
    const dir = tempDir();
    copyPosts(dir, first.slice(0, 30));
    await mustBuild({ dir, search: false });
    writeFileSync(join(dir, "_config.yml"), "permalink: /:year/:month/:day/:title.html\n");
    const moved = await mustBuild({ dir, search: false });
    const assets = readdirSync(join(dir, "_site", "assets")).length;
    expect(moved.written).toBe(moved.pages - assets);
    expect(moved.removed).toBe(30);
    expect(existsSync(join(dir, "_site", first[0]!.slice(0, 10)))).toBe(false);
  }, 60_000);
});

describe("also reported by", () => {
  // A CNA story and the same story republished in Simplified script by another outlet two hours later.
  const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });
  const original = readdirSync(CORPUS).filter((name) => name.endsWith(".md")).sort().find((name) => {
    const text = readFileSync(join(CORPUS, name), "utf8");
    return /^categories: \[ \(臺\)中央社CNA \]$/m.test(text) && (text.match(/[\u4e00-\u9fff]/g)?.length ?? 0) > 400;
  })!;
  const copyName = `${original.slice(0, 11)}轉載 ${original.slice(11)}`;
  const copyText = (): string =>
    toSimplified(readFileSync(join(CORPUS, original), "utf8"))
      .replace(/^categories: .*$/m, "categories: [ 轉載新聞 ]")
      .replace(/^tags: .*$/m, "tags: [ 轉載新聞 ]")
      .replace(/^date: (.*)$/m, (_line: string, date: string) => `date: ${new Date(Date.parse(date) + 2 * 3_600_000).toISOString()}`);

  it("links both posts of one story, incrementally as a full build does, and unlinks a deleted one", async () => {
    expect(original).toBeDefined();
    const dir = tempDir();
    const others = readdirSync(CORPUS).filter((name) => name.startsWith(original.slice(0, 8)) && name !== original).sort().slice(0, 20);
    copyPosts(dir, [original, ...others]);
    const first = await mustBuild({ dir, search: false });
    expect(first.stories.linked).toBe(0);
    writeFileSync(join(dir, "_posts", copyName), copyText());
    const second = await mustBuild({ dir, search: false });
    expect(second.stories.linked).toBe(2);
    const html = readTree(join(dir, "_site"));
    const text = (base64: string): string => Buffer.from(base64, "base64").toString("utf8");
    const withAside = [...html.values()].map(text).filter((page) => page.includes('<aside class="also"'));
    expect(withAside).toHaveLength(2);
    for (const page of withAside) expect(page).toMatch(/其他來源也報導了[\s\S]*<span class="src">(\(臺\)中央社CNA|轉載新聞)<\/span> <a href="\.\.\//);

    const fresh = tempDir();
    copyPosts(fresh, [original, ...others]);
    writeFileSync(join(fresh, "_posts", copyName), copyText());
    await mustBuild({ dir: fresh, search: false, full: true });
    const full = readTree(join(fresh, "_site"));
    expect([...html.keys()].filter((path) => html.get(path) !== full.get(path))).toEqual([]);

    unlinkSync(join(dir, "_posts", copyName));
    const third = await mustBuild({ dir, search: false });
    expect(third.stories.linked).toBe(0);
    expect([...readTree(join(dir, "_site")).values()].some((page) => text(page).includes('<aside class="also"'))).toBe(false);
  }, 60_000);
});

describe("the search hook", () => {
  it("hands over only edited and deleted posts, and finds what a full build finds", async () => {
    const dir = tempDir();
    const names = readdirSync(CORPUS).filter((name) => name.startsWith("2023-11-")).sort().slice(0, 40);
    copyPosts(dir, names);
    await mustBuild({ dir });
    const edited = join(dir, "_posts", names[5]!);
    writeFileSync(edited, readFileSync(edited, "utf8").replace(/\n<\/div>\n$/, "<p>更正：袋熊走失</p>\n</div>\n"));
    utimesSync(edited, new Date(), new Date(Date.now() + 5000));
    unlinkSync(join(dir, "_posts", names[9]!));
    const report = await mustBuild({ dir });
    expect(report.search).toMatchObject({ ran: true, appendOnly: true, docs: names.length - 1 });
    const read = readShardFromDir(join(dir, "_site", "search"));
    expect((await searchIndex("袋熊走失", read)).map((hit) => hit.id)).toEqual([names[5]]);
    const fresh = tempDir();
    copyPosts(fresh, names.filter((_, i) => i !== 9));
    copyFileSync(edited, join(fresh, "_posts", names[5]!));
    await mustBuild({ dir: fresh, full: true });
    const readFresh = readShardFromDir(join(fresh, "_site", "search"));
    for (const query of ["袋熊走失", "台灣", "中國", "the"]) {
      expect((await searchIndex(query, read)).map((hit) => hit.id)).toEqual((await searchIndex(query, readFresh)).map((hit) => hit.id));
    }
    // Without its state the index cannot take changes alone: every post is handed over again.
    rmSync(join(dir, ".newsmirror", "search"), { recursive: true });
    writeFileSync(join(dir, "_posts", names[9]!), readFileSync(join(CORPUS, names[9]!)));
    expect((await mustBuild({ dir })).search).toMatchObject({ ran: true, appendOnly: false, docs: names.length });
  }, 60_000);

  it("indexes the posts under search/ and the search page loads the reader's scripts", async () => {
    const dir = tempDir();
    copyPosts(dir, readdirSync(CORPUS).filter((name) => name.startsWith("2023-12-")).sort());
    const report = await mustBuild({ dir });
    expect(report.search).toMatchObject({ ran: true, appendOnly: false });
    const files = listFiles(join(dir, "_site"));
    expect(files.filter((f) => f.startsWith("search/") && f !== "search/index.html").length).toBeGreaterThan(0);
    const page = readFileSync(join(dir, "_site", "search", "index.html"), "utf8");
    expect(page).toContain('<script src="../assets/search-engine.js" defer></script>\n<script src="../assets/search.js" defer></script>');
    for (const script of ["assets/search-engine.js", "assets/search.js", "assets/toggle.js"]) expect(files).toContain(script);
    const again = await mustBuild({ dir });
    expect(again.search).toEqual({ ran: false });
    // With work left over builds (a window sealing), a build with nothing new still runs the index.
    writeFileSync(join(dir, ".newsmirror", "search", "search-pending"), "");
    const pending = await mustBuild({ dir });
    expect(pending.search).toMatchObject({ ran: true, appendOnly: true });
  }, 60_000);
});

describe("render workers", () => {
  it("write the same bytes as the main thread alone", async () => {
    const names = readdirSync(CORPUS).filter((name) => name.startsWith("2021-05-")).sort().slice(0, 80);
    const one = tempDir();
    const two = tempDir();
    copyPosts(one, names);
    copyPosts(two, names);
    const alone = await mustBuild({ dir: one, search: false, workers: 0 });
    const pooled = await mustBuild({ dir: two, search: false, workers: 2 });
    expect(alone.workers).toBe(0);
    expect(pooled.workers).toBe(2);
    expectSameTree(readTree(join(one, "_site")), readTree(join(two, "_site")));
  }, 60_000);

  it("leave a record from which later builds go on as after a build on one thread", async () => {
    const names = readdirSync(CORPUS).filter((name) => name.startsWith("2021-05-")).sort();
    const one = tempDir();
    const two = tempDir();
    copyPosts(one, names.slice(0, 80));
    copyPosts(two, names.slice(0, 80));
    await mustBuild({ dir: one, search: false, workers: 0 });
    const pooled = await mustBuild({ dir: two, search: false, workers: 2 });
    expect(pooled.workers).toBe(2);
    expect(await mustBuild({ dir: two, search: false, workers: 2 })).toMatchObject({ scope: "unchanged", written: 0 });
    // New posts, and one gone: the same pages written, the same bytes.
    for (const dir of [one, two]) {
      copyPosts(dir, names.slice(80, 90));
      unlinkSync(join(dir, "_posts", names[3]!));
    }
    const alone = await mustBuild({ dir: one, search: false, workers: 0 });
    const after = await mustBuild({ dir: two, search: false, workers: 0 });
    expect(after.written).toBe(alone.written);
    expect(after.removed).toBe(alone.removed);
    expectSameTree(readTree(join(one, "_site")), readTree(join(two, "_site")));
  }, 60_000);
});

describe("posts it cannot read", () => {
  it("are reported by file name with the reason, and the rest is built", async () => {
    const dir = tempDir();
    copyPosts(dir, ["2009-12-08-Shanghai scams - Part 1 - Assisted Shopping.md"]);
    writeFileSync(join(dir, "_posts", "2020-01-01-broken.md"), "no front matter here\n");
    writeFileSync(join(dir, "_posts", "2020-01-02-no-date.md"), "---\ntitle: x\n---\nbody\n");
    const report = await mustBuild({ dir, search: false });
    expect(report.posts).toBe(1);
    expect(report.unreadable.map((u) => u.fileName)).toEqual(["2020-01-01-broken.md", "2020-01-02-no-date.md"]);
    expect(report.unreadable[1]!.message).toMatch(/date/);
  });

  it("are reported again by a build that finds nothing new, and built once they can be read", async () => {
    const dir = tempDir();
    copyPosts(dir, ["2009-12-08-Shanghai scams - Part 1 - Assisted Shopping.md"]);
    const broken = join(dir, "_posts", "2020-01-01-broken.md");
    writeFileSync(broken, "no front matter here\n");
    const first = await mustBuild({ dir, search: false });
    const again = await mustBuild({ dir, search: false });
    expect([again.posts, again.written, again.pages]).toEqual([1, 0, first.pages]);
    expect(again.unreadable.map((u) => u.fileName)).toEqual(["2020-01-01-broken.md"]);
    writeFileSync(broken, "---\ntitle: Fixed\ndate: 2020-01-01 08:00:00 +0800\n---\n<p>body</p>\n");
    const fixed = await mustBuild({ dir, search: false });
    expect([fixed.posts, fixed.unreadable.length]).toEqual([2, 0]);
    expect(readFileSync(join(dir, "_site", "2020-01-01", "broken", "index.html"), "utf8")).toContain("Fixed");
  });


  it("an empty mirror builds a site with no posts", async () => {
    const dir = tempDir();
    const report = await mustBuild({ dir, search: false });
    expect(report.posts).toBe(0);
    expect(existsSync(join(dir, "_site", "index.html"))).toBe(true);
  });

  it("a mirror folder that does not exist is a failure, not an empty site", async () => {
    const built = await buildSite({ dir: join(tempDir(), "nowhere"), search: false });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.failure.code).toBe("site.no-mirror");
  });

  it.each([
    ["on the main thread", 0],
    ["in a worker", 1],
  ])("a mirror's include that fails while rendering is a site.template failure naming the page (%s)", async (_reason, workers) => {
    const dir = tempDir();
    copyPosts(dir, ["2009-12-08-Shanghai scams - Part 1 - Assisted Shopping.md"]);
    mkdirSync(join(dir, "_includes"));
    writeFileSync(join(dir, "_includes", "footer.html"), "{% include missing.html %}");
    const built = await buildSite({ dir, search: false, workers });
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(built.failure.code).toBe("site.template");
      expect(built.failure.message).toMatch(/^rendering [^:]+\.html: /);
    }
  }, 30_000);

  it("a .newsmirror that is a file, not a folder, is a failure naming it, not a crash", async () => {
    const dir = tempDir();
    copyPosts(dir, ["2009-12-08-Shanghai scams - Part 1 - Assisted Shopping.md"]);
    writeFileSync(join(dir, ".newsmirror"), "");
    const built = await buildSite({ dir, search: false });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.failure.message).toContain(".newsmirror");
  });

  it("closes a listing begun for it, however it ends", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "_config.yml"), "permalink: /:nonsense/\n");
    let closed = 0;
    const listing = { ...listHere(join(dir, "_posts"), null), close: () => void closed++ };
    expect((await buildSite({ dir, search: false, listing })).ok).toBe(false);
    expect((await buildSite({ dir, search: false, full: true, listing })).ok).toBe(false);
    expect(closed).toBe(2);
  });

  it("a bad _config.yml is a failure naming the file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "_config.yml"), "timezone: Mars/Olympus\n");
    const built = await buildSite({ dir, search: false });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.failure.message).toMatch(/_config\.yml: timezone "Mars\/Olympus"/);
  });
});
