// Story links over the real posts corpus plus generated copies: both ways, never across a month, incremental == full.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { parsePost } from "../../src/archive/index.js";
import { emptyStoryCache, linkStories, loadStoryCache, saveStoryCache, storyTextOfHtml, type StoryCache, type StoryPost } from "../../src/site/story-links.js";
import { sharedPath } from "../support/paths.js";

const DAY = 86_400_000;
const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });

interface Mirror {
  posts: StoryPost[];
  html: Map<string, string>;
}

const hashOf = (html: string): string => createHash("sha1").update(html).digest("base64url");

function loadCorpus(): Mirror {
  const dir = sharedPath("corpus/posts/");
  const mirror: Mirror = { posts: [], html: new Map() };
  for (const name of readdirSync(dir).sort()) {
    const parsed = parsePost(readFileSync(dir + name, "utf8"), name);
    if (!parsed.ok) continue;
    const post = parsed.value;
    mirror.posts.push({ fileName: name, site: post.site, time: post.date.getTime(), hash: hashOf(post.html) });
    mirror.html.set(name, post.html);
  }
  return mirror;
}

function withPost(mirror: Mirror, fileName: string, site: string, time: number, html: string): Mirror {
  const html2 = new Map(mirror.html).set(fileName, html);
  return { posts: [...mirror.posts.filter((p) => p.fileName !== fileName), { fileName, site, time, hash: hashOf(html) }], html: html2 };
}

function reader(mirror: Mirror): (fileName: string) => Promise<string> {
  return async (fileName) => {
    const html = mirror.html.get(fileName);
    if (html === undefined) throw new Error(`no post ${fileName}`);
    return html;
  };
}

const CJK = /[\u4e00-\u9fff]/gu;
const corpus = loadCorpus();
/** Long Chinese posts: the ones a copy in the other script is unmistakably the same story. */
const long = corpus.posts.filter((p) => (storyTextOfHtml(corpus.html.get(p.fileName) ?? "").match(CJK)?.length ?? 0) >= 400);
const original = long[10] as StoryPost;
const originalHtml = corpus.html.get(original.fileName) as string;
const converted = toTraditional(originalHtml) === originalHtml ? toSimplified(originalHtml) : toTraditional(originalHtml);

/** The corpus plus the original's story in the other script from another outlet, and again 30 days later. */
let base = withPost(corpus, "zz-script-copy.md", "other outlet", original.time + 3_600_000, `${converted}<p>（本台綜合報導）</p>`);
base = withPost(base, "zz-month-later.md", "late outlet", original.time + 30 * DAY, converted);

const sortedLinks = (links: Map<string, string[]>): Array<[string, string[]]> => [...links].sort(([a], [b]) => (a < b ? -1 : 1));

describe("linkStories on the corpus", async () => {
  const full = await linkStories(base.posts, emptyStoryCache(), reader(base));

  it("links one story in both scripts both ways, and not a copy 30 days later", () => {
    expect(full.links.get(original.fileName)).toContain("zz-script-copy.md");
    expect(full.links.get("zz-script-copy.md")).toContain(original.fileName);
    expect(full.links.get("zz-month-later.md") ?? []).not.toContain(original.fileName);
    expect(full.links.get(original.fileName)).not.toContain("zz-month-later.md");
  });

  it("lists the other members by time, then file name", () => {
    for (const [fileName, others] of full.links) {
      const times = others.map((name) => base.posts.find((p) => p.fileName === name)?.time as number);
      expect(others).not.toContain(fileName);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it("reads nothing and computes no window when nothing changed", async () => {
    const again = await linkStories(base.posts, full.cache, reader(base));
    expect([again.postsRead, again.windowsComputed]).toEqual([0, 0]);
    expect(sortedLinks(again.links)).toEqual(sortedLinks(full.links));
  });

  it("reads nothing either with the cache saved to disk and loaded again", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "story-links-")), "stories.json");
    await saveStoryCache(file, full.cache);
    const again = await linkStories(base.posts, await loadStoryCache(file), reader(base));
    expect([again.postsRead, again.windowsComputed]).toEqual([0, 0]);
    expect(sortedLinks(again.links)).toEqual(sortedLinks(full.links));
  });

  it("recomputes only the two windows of one new post and reads only that post", async () => {
    const newest = Math.max(...base.posts.map((p) => p.time));
    const next = withPost(base, "zz-new.md", "wire", newest + 60_000, converted);
    const run = await linkStories(next.posts, full.cache, reader(next));
    expect([run.postsRead, run.windowsComputed]).toEqual([1, 2]);
    expect(run.links.get("zz-new.md")).toBeUndefined();
  });

  it("gives after 20 new posts, one edit and one deletion exactly what a run from an empty cache gives", async () => {
    const newest = Math.max(...base.posts.map((p) => p.time));
    let next = base;
    // Ten new stories and ten copies of recent ones (wire copy: another outlet, other script).
    const recent = long.filter((p) => p.time > newest - 60 * DAY).slice(0, 10);
    long.slice(20, 30).forEach((p, i) => (next = withPost(next, `zz-added-${i}.md`, "wire", newest + i * 3_600_000, corpus.html.get(p.fileName) as string)));
    recent.forEach((p, i) => (next = withPost(next, `zz-copy-${i}.md`, "wire 2", p.time + 600_000, toTraditional(corpus.html.get(p.fileName) as string))));
    // The edit breaks the script copy's link; the deletion removes a post of an older window.
    next = withPost(next, "zz-script-copy.md", "other outlet", original.time + 3_600_000, "<p>更正：本文已撤回，內容與原報導無關。</p>");
    const deleted = corpus.posts[100] as StoryPost;
    next = { posts: next.posts.filter((p) => p.fileName !== deleted.fileName), html: next.html };

    const incremental = await linkStories(next.posts, full.cache, reader(next));
    const fromEmpty = await linkStories(next.posts, emptyStoryCache(), reader(next));
    expect(sortedLinks(incremental.links)).toEqual(sortedLinks(fromEmpty.links));
    expect(incremental.cache.windows).toEqual(fromEmpty.cache.windows);
    expect(incremental.postsRead).toBeLessThan(fromEmpty.postsRead / 5);
    expect(incremental.links.get(original.fileName) ?? []).not.toContain("zz-script-copy.md");
    expect(recent.filter((p, i) => incremental.links.get(p.fileName)?.includes(`zz-copy-${i}.md`)).length).toBeGreaterThanOrEqual(8);
  });

  it("does not depend on the order the posts are given in", async () => {
    const reversed = await linkStories([...base.posts].reverse(), emptyStoryCache(), reader(base));
    expect(sortedLinks(reversed.links)).toEqual(sortedLinks(full.links));
  });
});

describe("linkStories edge cases", () => {
  const story = `<p>${originalHtml}</p>`;
  it("ignores posts without a time and repeated file names", async () => {
    const posts: StoryPost[] = [
      { fileName: "a.md", site: "A", time: 0, hash: "1" },
      { fileName: "b.md", site: "B", time: Number.NaN, hash: "1" },
      { fileName: "a.md", site: "C", time: 0, hash: "2" },
    ];
    const run = await linkStories(posts, emptyStoryCache(), async () => story);
    expect([run.links.size, run.postsRead]).toEqual([0, 1]);
  });

  it("takes file names that are Object.prototype's names as plain keys", async () => {
    const posts: StoryPost[] = ["__proto__", "constructor", "toString"].map((fileName, i) => ({ fileName, site: `S${i}`, time: i * 60_000, hash: "1" }));
    const first = await linkStories(posts, emptyStoryCache(), async () => story);
    expect(first.links.get("__proto__")).toEqual(["constructor", "toString"]);
    const file = join(mkdtempSync(join(tmpdir(), "story-links-")), "stories.json");
    await saveStoryCache(file, first.cache);
    const again = await linkStories(posts, await loadStoryCache(file), async () => story);
    expect([again.postsRead, again.windowsComputed, again.links.size]).toEqual([0, 0, 3]);
  });

  it("counts a post that cannot be read as textless and retries its windows next time", async () => {
    const posts: StoryPost[] = [
      { fileName: "a.md", site: "A", time: 0, hash: "1" },
      { fileName: "b.md", site: "B", time: DAY, hash: "1" },
    ];
    const failing = await linkStories(posts, emptyStoryCache(), async (name) => (name === "b.md" ? Promise.reject(new Error("gone")) : story));
    expect(failing.links.size).toBe(0);
    expect(Object.keys(failing.cache.windows)).toEqual([]);
    const retried = await linkStories(posts, failing.cache, async () => story);
    expect([retried.postsRead, retried.windowsComputed]).toEqual([1, 2]);
    expect(retried.links.get("a.md")).toEqual(["b.md"]);
  });
});

describe("storyTextOfHtml", () => {
  it.each([
    ["drops script and style content (not the article's text)", "<p>a</p><script>var x = '<p>';</script><style>p{}</style><p>b</p>", "\na\n\nb\n"],
    ["decodes entities once", "<p>&lt;b&gt; &amp;amp; &#x4e2d;</p>", "\n<b> &amp; 中\n"],
    ["breaks lines at block edges so paragraphs are sentences", "<div>標題</div>正文<br>下一行", "\n標題\n正文\n\n下一行"],
    ["keeps inline markup's text joined", "新<b>聞</b>稿", "新聞稿"],
    ["survives an unclosed script", "<p>x</p><script>never closed", "\nx\n"],
  ])("%s", (_name, html, expected) => {
    expect(storyTextOfHtml(html)).toBe(expected);
  });

  it("returns a string for any input", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (html) => typeof storyTextOfHtml(html) === "string"), { numRuns: 300 });
  });
});

describe("story cache file", () => {
  const dir = mkdtempSync(join(tmpdir(), "story-cache-"));
  const cache: StoryCache = { version: emptyStoryCache().version, windows: { "2800": { key: "k", clusters: [["a.md", "b.md"]] } }, texts: { "a.md": ["h", "一\n二"] } };

  it("round-trips through save and load", async () => {
    await saveStoryCache(join(dir, "sub", "stories.json"), cache);
    expect(await loadStoryCache(join(dir, "sub", "stories.json"))).toEqual(cache);
  });

  it.each([
    ["a missing file is an empty cache", null],
    ["a corrupt file is an empty cache", "{not json"],
    ["another version is an empty cache", JSON.stringify({ ...cache, version: -1 })],
    ["a wrong shape is an empty cache", JSON.stringify({ ...cache, windows: { "1": { key: 3, clusters: [] } } })],
  ])("%s", async (name, content) => {
    const file = join(dir, `${name.replace(/\W+/g, "-")}.json`);
    if (content !== null) writeFileSync(file, content);
    expect(await loadStoryCache(file)).toEqual(emptyStoryCache());
  });
});
