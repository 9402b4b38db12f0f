// Tests src/site/recent-build.ts (and recent-plan.ts) through buildSite: a build of new posts only plans the pages
// they reach and writes the same bytes as a full build of the same posts, across days, months, numbered pages,
// sitemap parts, posts that arrive out of order and new story links; what it cannot place goes the whole way.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSite, type BuildReport } from "../../src/site/index.js";
import { loadSummary, MANIFEST_DIR } from "../../src/site/manifest.js";
import { withPostFiles } from "../../src/site/listing-after-writes.js";
import { indexIn, listHere, type PostListing } from "../../src/site/post-listing.js";
import { prepareBuild, prepareStoryText } from "../../src/site/prepared-build.js";
import { readShardFromDir, searchIndex } from "../../src/site/search/index.js";
import { sharedPath } from "../support/paths.js";
import { expectSameTree, listFiles, mustBuild as mustBuildSite, readTree } from "../support/site-tree.js";

const CORPUS = sharedPath("corpus/posts");
const CONFIG = "title: Recent test\npaginate: 7\n";
const SITEMAP_LIMIT = 60;
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}, 60_000);

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "newsmirror-recent-"));
  temps.push(dir);
  return dir;
}

/** Corpus posts of five sources, taken in turn, so consecutive posts come from different sources. */
const SOURCES = ["(臺)中央社CNA", "BBC", "美国之音", "联合早报", "RTI 中央廣播電臺"];
const TEMPLATES = (() => {
  const bySource = new Map<string, string[]>();
  for (const name of readdirSync(CORPUS).filter((n) => n.endsWith(".md")).sort()) {
    const text = readFileSync(join(CORPUS, name), "utf8");
    const source = /^categories: \[ (.*) \]$/m.exec(text)?.[1];
    if (source && SOURCES.includes(source)) bySource.set(source, [...(bySource.get(source) ?? []), text]);
  }
  return Array.from({ length: 60 }, (_, i) => bySource.get(SOURCES[i % SOURCES.length]!)![Math.floor(i / SOURCES.length)]!);
})();

const START = Date.UTC(2024, 4, 24, 1);
const HOUR = 3_600_000;

/** Post `n` at `time`: a corpus post of source `n mod 5` with its own title and date. */
function writePost(dir: string, n: number, time: number, options: { text?: string; slug?: string; source?: string } = {}): string {
  const iso = new Date(time).toISOString();
  const name = `${iso.slice(0, 10)}-${options.slug ?? `post ${n}`}.md`;
  let text = (options.text ?? TEMPLATES[n % TEMPLATES.length]!)
    .replace(/^date: .*$/m, `date: ${iso}`)
    .replace(/^<!--(-?\d+|NaN)-->$/m, `<!--${time}-->`);
  if (options.text === undefined) text = text.replace(/^title: "(.*)"$/m, `title: "$1 ${n}"`);
  if (options.source) text = text.replace(/^categories: .*$/m, `categories: [ ${options.source} ]`).replace(/^tags: .*$/m, `tags: [ ${options.source} ]`);
  mkdirSync(join(dir, "_posts"), { recursive: true });
  writeFileSync(join(dir, "_posts", name), text);
  return name;
}

/** The site's files, the search page among them (the search data is compared by the search tests). */
const siteTree = (root: string): Map<string, string> => readTree(root, (f) => !f.startsWith("search/") || f === "search/index.html");

const mustBuild = (options: Parameters<typeof buildSite>[0]): Promise<BuildReport> => mustBuildSite({ sitemapLimit: SITEMAP_LIMIT, ...options });

/** The site `dir` has now, against a full build of a copy of its posts and settings: same files, same bytes. */
async function expectSameAsFull(dir: string): Promise<void> {
  const fresh = tempDir();
  cpSync(join(dir, "_posts"), join(fresh, "_posts"), { recursive: true });
  writeFileSync(join(fresh, "_config.yml"), readFileSync(join(dir, "_config.yml")));
  await mustBuild({ dir: fresh, full: true, search: false });
  expectSameTree(siteTree(join(dir, "_site")), siteTree(join(fresh, "_site")));
  // The index the next build reads, as saved (a build of new posts splices their names into the stored ones).
  const indexOf = (root: string): { names: string[]; paths: string[] } | undefined => {
    const index = loadSummary(join(root, MANIFEST_DIR))?.index;
    return index && { names: index.names, paths: index.paths };
  };
  expect(indexOf(dir)).toEqual(indexOf(fresh));
}

/** A mirror of `count` posts three hours apart, built once; the posts' file names. */
async function builtMirror(count: number, search = false): Promise<{ dir: string; names: string[] }> {
  const dir = tempDir();
  writeFileSync(join(dir, "_config.yml"), CONFIG);
  const names = Array.from({ length: count }, (_, n) => writePost(dir, n, START + n * 3 * HOUR));
  await mustBuild({ dir, search });
  return { dir, names };
}

/**
 * A mirror of 12 posts built once, post 12 written after, and a listing that reads the folder with post 12 new
 * and gives, for the stats, what `check` does when asked.
 */
async function withNewPost(check: (dir: string, name: string) => PostListing["check"]): Promise<{ dir: string; name: string; listing: PostListing }> {
  const { dir } = await builtMirror(12);
  const name = writePost(dir, 12, START + 12 * 3 * HOUR);
  const summary = loadSummary(join(dir, MANIFEST_DIR))!;
  const listing: PostListing = {
    delta: Promise.resolve({ newNames: [name], gone: false, against: summary.saved }),
    get check() {
      return check(dir, name);
    },
    files: () => listHere(join(dir, "_posts"), null).files(),
    close: () => undefined,
  };
  return { dir, name, listing };
}

describe("a build of new posts only", () => {
  it("writes what a full build writes, across days, months, pages and sitemap parts, and in any order of arrival", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "_config.yml"), CONFIG);
    // 45 posts, five hours apart: from May 24 into June, 6 to 7 pages of 7 for the site, 9 posts a source.
    for (let n = 0; n < 45; n++) writePost(dir, n, START + n * 5 * HOUR);
    expect((await mustBuild({ dir, search: false })).scope).toBe("whole");
    const last = START + 44 * 5 * HOUR;

    // Newer than every post, some on a new day.
    for (let n = 45; n < 52; n++) writePost(dir, n, last + (n - 44) * 2 * HOUR);
    const newer = await mustBuild({ dir, search: false });
    expect(newer.scope).toBe("recent");
    expect([newer.parsed, newer.posts]).toEqual([7, 52]);
    expect(newer.written).toBeLessThan(newer.pages / 2);
    await expectSameAsFull(dir);

    // Arriving late: older than the newest posts, one of them a day back.
    writePost(dir, 52, last + 3 * HOUR);
    writePost(dir, 53, last - 20 * HOUR);
    writePost(dir, 54, last + 13 * HOUR + 1);
    const late = await mustBuild({ dir, search: false });
    expect(late.scope).toBe("recent");
    await expectSameAsFull(dir);

    // Days later, on a day and in a sitemap part of its own.
    for (let n = 55; n < 62; n++) writePost(dir, n, last + 4 * 24 * HOUR + n * HOUR);
    const gap = await mustBuild({ dir, search: false });
    expect(gap.scope).toBe("recent");
    expect(readdirSync(join(dir, "_site")).filter((name) => /^sitemap-\d+\.xml$/.test(name)).length).toBeGreaterThan(1);
    await expectSameAsFull(dir);

    // Past the first sitemap part's 60 URLs: that part is kept as it is, unread.
    for (let n = 62; n < 65; n++) writePost(dir, n, last + 5 * 24 * HOUR + n * HOUR);
    const past = await mustBuild({ dir, search: false });
    expect(past.scope).toBe("recent");
    await expectSameAsFull(dir);

    expect((await mustBuild({ dir, search: false })).scope).toBe("unchanged");
  }, 120_000);

  it("links a new post to the story it joins, on both posts' pages, as a full build does", async () => {
    const { dir, names } = await builtMirror(20);
    // The newest post again, two hours later, from another outlet.
    const original = readFileSync(join(dir, "_posts", names[19]!), "utf8");
    writePost(dir, 20, START + 19 * 3 * HOUR + 2 * HOUR, { text: original.replace(/^title: "(.*)"$/m, 'title: "轉載 $1"'), slug: "copy", source: "BBC" });
    const linked = await mustBuild({ dir, search: false });
    expect([linked.scope, linked.stories.linked]).toEqual(["recent", 2]);
    const withAside = listFiles(join(dir, "_site")).filter((f) => f.endsWith(".html") && readFileSync(join(dir, "_site", f), "utf8").includes('<aside class="also"'));
    expect(withAside).toHaveLength(2);
    await expectSameAsFull(dir);
    // Three weeks later, a post beside the copy in its source: the copy's page, planned again, keeps its story.
    writePost(dir, 21, START + 19 * 3 * HOUR + 21 * 24 * HOUR, { source: "BBC" });
    const beside = await mustBuild({ dir, search: false });
    expect([beside.scope, beside.stories.linked]).toEqual(["recent", 2]);
    await expectSameAsFull(dir);
  }, 60_000);

  it("plans the whole site for what it cannot place alone: a permalink clash, a new source", async () => {
    const { dir, names } = await builtMirror(15);
    // The same file name in a subfolder: the same permalink, so the later of the two goes to "-2".
    const clash = readFileSync(join(dir, "_posts", names[14]!), "utf8");
    mkdirSync(join(dir, "_posts", "more"));
    writeFileSync(join(dir, "_posts", "more", names[14]!), clash.replace(/^date: (.*)$/m, (_l: string, d: string) => `date: ${new Date(Date.parse(d) - 60_000).toISOString()}`));
    expect((await mustBuild({ dir, search: false })).scope).toBe("whole");
    await expectSameAsFull(dir);
    writePost(dir, 15, START + 15 * 3 * HOUR, { source: "新來源" });
    expect((await mustBuild({ dir, search: false })).scope).toBe("whole");
    await expectSameAsFull(dir);
    // And after them, new posts go the short way again.
    writePost(dir, 16, START + 16 * 3 * HOUR);
    expect((await mustBuild({ dir, search: false })).scope).toBe("recent");
    await expectSameAsFull(dir);
    // New posts with an old one edited beside them; an edit alone.
    writePost(dir, 17, START + 17 * 3 * HOUR);
    const edited = join(dir, "_posts", names[3]!);
    writeFileSync(edited, readFileSync(edited, "utf8").replace(/\n<\/div>\n$/, "<p>更正</p>\n</div>\n"));
    expect((await mustBuild({ dir, search: false })).scope).toBe("whole");
    await expectSameAsFull(dir);
    writeFileSync(edited, readFileSync(edited, "utf8").replace("<p>更正</p>", "<p>再更正</p>"));
    expect((await mustBuild({ dir, search: false })).scope).toBe("whole");
    await expectSameAsFull(dir);
  }, 60_000);

  it("gives up for the whole way when a new post goes before the stats are in, and leaves no page of it", async () => {
    // The folder read with the new post in it; by the time the stats are taken, it is gone.
    const { dir, name, listing } = await withNewPost((at, newName) => {
      rmSync(join(at, "_posts", newName));
      return Promise.resolve({ edited: false, newFiles: [] });
    });
    const report = await mustBuild({ dir, search: false, listing });
    expect(report.scope).toBe("whole");
    expect(existsSync(join(dir, "_site", name.slice(0, 10), "post-12"))).toBe(false);
    await expectSameAsFull(dir);
  }, 60_000);

  it("after a build that wrote pages and stopped before its save, renders them again or removes them", async () => {
    // A build that stops after writing its pages, as a kill would, just before the stats' verdict and the save.
    const { dir, name, listing } = await withNewPost(() => Promise.reject(new Error("stopped")));
    expect((await buildSite({ dir, search: false, sitemapLimit: SITEMAP_LIMIT, listing })).ok).toBe(false);
    expect(existsSync(join(dir, "_site", name.slice(0, 10), "post-12"))).toBe(true);
    // Meanwhile the new post goes: nothing the last save knew changed, yet the pages written must not stay.
    rmSync(join(dir, "_posts", name));
    expect((await mustBuild({ dir, search: false })).scope).toBe("whole");
    expect(existsSync(join(dir, "_site", name.slice(0, 10), "post-12"))).toBe(false);
    await expectSameAsFull(dir);
    expect((await mustBuild({ dir, search: false })).scope).toBe("unchanged");
  }, 60_000);

  it("keeps the pages a stopped short way wrote in the note of a whole build that stops too, and removes them later", async () => {
    const { dir, name, listing } = await withNewPost(() => Promise.reject(new Error("stopped")));
    expect((await buildSite({ dir, search: false, sitemapLimit: SITEMAP_LIMIT, listing })).ok).toBe(false);
    rmSync(join(dir, "_posts", name));
    // The whole way that follows stops too, at a page it cannot write, before it removes the new post's page.
    const feed = join(dir, "_site", "feed.xml");
    rmSync(feed);
    mkdirSync(feed);
    expect((await buildSite({ dir, search: false, sitemapLimit: SITEMAP_LIMIT })).ok).toBe(false);
    expect(existsSync(join(dir, "_site", name.slice(0, 10), "post-12"))).toBe(true);
    rmSync(feed, { recursive: true });
    expect((await mustBuild({ dir, search: false })).scope).toBe("whole");
    expect(existsSync(join(dir, "_site", name.slice(0, 10), "post-12"))).toBe(false);
    await expectSameAsFull(dir);
  }, 60_000);

  it("goes the whole way when the story cache is not the one the last save went with", async () => {
    const { dir } = await builtMirror(12);
    // What a build that saved the cache and then stopped leaves: a cache written after the manifest.
    utimesSync(join(dir, ".newsmirror", "story-links.json"), new Date(), new Date(Date.now() + 60_000));
    writePost(dir, 12, START + 12 * 3 * HOUR);
    expect((await mustBuild({ dir, search: false })).scope).toBe("whole");
    writePost(dir, 13, START + 13 * 3 * HOUR);
    expect((await mustBuild({ dir, search: false })).scope).toBe("recent");
    await expectSameAsFull(dir);
  }, 60_000);

  it("adds the new posts to the search index", async () => {
    const { dir } = await builtMirror(12, true);
    const name = writePost(dir, 12, START + 12 * 3 * HOUR, { text: TEMPLATES[12]!.replace(/\n<\/div>\n$/, "<p>袋熊走失</p>\n</div>\n") });
    const report = await mustBuild({ dir });
    expect(report.scope).toBe("recent");
    expect(report.search).toMatchObject({ ran: true, appendOnly: true });
    const hits = await searchIndex("袋熊走失", readShardFromDir(join(dir, "_site", "search")));
    expect(hits.map((hit) => hit.id)).toEqual([name]);
  }, 60_000);
});

describe("a build told which posts the fetch wrote (withPostFiles, as `newsmirror run` builds)", () => {
  /** A listing begun on a built mirror before the posts given are written (it has read the folder and its stats). */
  const listingBefore = (dir: string): PostListing => listHere(join(dir, "_posts"), indexIn(join(dir, MANIFEST_DIR)));

  it("takes posts written after the folder was read as new, and writes what a full build writes", async () => {
    const { dir } = await builtMirror(12);
    const listing = listingBefore(dir);
    const created = [writePost(dir, 12, START + 12 * 3 * HOUR), writePost(dir, 13, START + 13 * 3 * HOUR)];
    // The listing alone missed them.
    expect((await listing.delta)?.newNames).toEqual([]);
    const report = await mustBuild({ dir, search: false, listing: withPostFiles(listing, join(dir, "_posts"), { created, rewritten: [] }) });
    expect(report).toMatchObject({ scope: "recent", parsed: 2 });
    expect(existsSync(join(dir, "_site", created[1]!.slice(0, 10), "post-13", "index.html"))).toBe(true);
    await expectSameAsFull(dir);
    expect((await mustBuild({ dir, search: false })).scope).toBe("unchanged");
  }, 60_000);

  it("builds from the summary and story links read while the fetch ran, and not from those a build replaced meanwhile", async () => {
    const { dir } = await builtMirror(12);
    // The summary spoilt after it was prepared, its size and mtime kept: only the prepared copy can build from it.
    const summaryFile = join(dir, MANIFEST_DIR, "summary.bin");
    utimesSync(summaryFile, 1_700_000_000, 1_700_000_000);
    const prepared = prepareBuild(dir);
    expect(prepared?.summary.index.names).toHaveLength(12);
    writeFileSync(summaryFile, Buffer.alloc(readFileSync(summaryFile).length));
    utimesSync(summaryFile, 1_700_000_000, 1_700_000_000);
    writePost(dir, 12, START + 12 * 3 * HOUR);
    expect((await mustBuild({ dir, search: false, prepared })).scope).toBe("recent");
    await expectSameAsFull(dir);
    // Prepared before the build above saved its summary: stale, so read again (only post 13 is new).
    writePost(dir, 13, START + 13 * 3 * HOUR);
    expect(await mustBuild({ dir, search: false, prepared })).toMatchObject({ scope: "recent", parsed: 1 });
    await expectSameAsFull(dir);
    expect((await mustBuild({ dir, search: false })).scope).toBe("unchanged");
  }, 60_000);

  it("takes the story text of a new post read while the fetch ran, unless the post changed after", async () => {
    const { dir, names } = await builtMirror(20);
    const original = readFileSync(join(dir, "_posts", names[19]!), "utf8");
    const copy = (n: number, slug: string): string => writePost(dir, n, START + 19 * 3 * HOUR + (n - 18) * HOUR, { text: original.replace(/^title: "(.*)"$/m, `title: "轉載 $1 ${n}"`), slug, source: "BBC" });
    let prepared = prepareBuild(dir)!;
    prepareStoryText(prepared, join(dir, "_posts"), copy(20, "copy"));
    const linked = await mustBuild({ dir, search: false, prepared });
    expect([linked.scope, linked.stories]).toEqual(["recent", { linked: 2, read: 0 }]);
    await expectSameAsFull(dir);
    // Changed after its text was taken: read again.
    prepared = prepareBuild(dir)!;
    const name = copy(21, "again");
    prepareStoryText(prepared, join(dir, "_posts"), name);
    writeFileSync(join(dir, "_posts", name), readFileSync(join(dir, "_posts", names[3]!), "utf8").replace(/^date: .*$/m, `date: ${new Date(START + 22 * 3 * HOUR).toISOString()}`));
    const again = await mustBuild({ dir, search: false, prepared });
    expect([again.scope, again.stories.read]).toEqual(["recent", 1]);
    await expectSameAsFull(dir);
  }, 60_000);

  it("goes the whole way for a post it rewrote that the last build knew, which the listing's stats missed", async () => {
    const { dir, names } = await builtMirror(12);
    const listing = listingBefore(dir);
    const file = join(dir, "_posts", names[3]!);
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n<\/div>\n$/, "<p>袋熊走失</p>\n</div>\n"));
    const created = [writePost(dir, 12, START + 12 * 3 * HOUR)];
    expect((await listing.check)?.edited).toBe(false);
    const report = await mustBuild({ dir, search: false, listing: withPostFiles(listing, join(dir, "_posts"), { created, rewritten: [names[3]!] }) });
    expect(report.scope).toBe("whole");
    await expectSameAsFull(dir);
    expect(readFileSync(join(dir, "_site", names[3]!.slice(0, 10), "post-3", "index.html"), "utf8")).toContain("袋熊走失");
  }, 60_000);

  it("goes the whole way for a post told new under the name of one the last build knew", async () => {
    const { dir, names } = await builtMirror(12);
    const listing = listingBefore(dir);
    // Removed by hand, then written again under its name with other text and a later date (so another permalink).
    rmSync(join(dir, "_posts", names[5]!));
    writePost(dir, 5, START + 5 * 3 * HOUR, { text: TEMPLATES[7]! });
    const later = new Date(START + 40 * 3 * HOUR);
    const file = join(dir, "_posts", names[5]!);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^date: .*$/m, `date: ${later.toISOString()}`).replace(/^<!--(-?\d+)-->$/m, `<!--${later.getTime()}-->`));
    const report = await mustBuild({ dir, search: false, listing: withPostFiles(listing, join(dir, "_posts"), { created: [names[5]!], rewritten: [] }) });
    expect(report.scope).toBe("whole");
    await expectSameAsFull(dir);
  }, 60_000);
});
