// Tests src/site/manifest.ts: the record of the last build survives a round trip, is saved month by month, and
// never blocks a build.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { serialize } from "node:v8";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isSameFile, loadManifest, loadSummary, monthOf, saveManifest, updatePosts, type SiteManifest, spliceJoined } from "../../src/site/manifest.js";
import type { PostSummary } from "../../src/site/post-record.js";

const dir = mkdtempSync(join(tmpdir(), "newsmirror-manifest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const post: PostSummary = {
  fileName: "2023-12-07-a.md", size: 10, mtimeMs: 1.5, title: "t", time: Date.UTC(2023, 11, 7), author: "a", site: "s", from: "https://x/", comments: false,
  categories: ["s", "t"], lang: "en", hash: "h", url: "/2023-12-07/a/", path: "2023-12-07/a/index.html", day: "2023-12-07",
};

/** A post of day `day` ("2024-01-05"), named after it and `n`. */
function postOn(day: string, n: number, site = "s"): PostSummary {
  return { ...post, fileName: `${day}-p${n}.md`, time: Date.parse(`${day}T00:00:00Z`) + n, site, url: `/${day}/p${n}/`, path: `${day}/p${n}/index.html`, day };
}

/** A manifest of `posts` (already in placed order), every post page and the front page recorded. */
function manifestOf(posts: PostSummary[], mark = "in"): SiteManifest {
  const pages = new Map<string, string>([["index.html", `front-${mark}`]]);
  for (const p of posts) pages.set(p.path, `${mark}-${p.fileName}`);
  return { out: "/out", placeKey: "k", siteHash: "sh", pages, posts: new Map(posts.map((p) => [p.fileName, p])), movedAside: new Map() };
}

const monthFiles = (at: string): string[] => readdirSync(at).filter((name) => name.startsWith("month-")).sort();

/** Drops `stored`, which says where a loaded manifest came from, not what it holds. */
function content(manifest: SiteManifest): Omit<SiteManifest, "stored"> {
  const { stored: _stored, ...rest } = manifest;
  return rest;
}

function frame(value: unknown): Buffer {
  const bytes = serialize(value);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bytes.length);
  return Buffer.concat([length, bytes]);
}

describe("the site manifest", () => {
  it("round-trips pages, posts and posts moved aside, and indexes the posts in placed order", async () => {
    const at = join(dir, "round");
    const moved = { ...post, path: "2023-12-07/a-2/index.html", url: "/2023-12-07/a-2/" };
    const manifest: SiteManifest = {
      out: "/out", placeKey: "k", siteHash: "sh", pages: new Map([["index.html", "in"], [moved.path, "p"]]), posts: new Map([[post.fileName, post]]),
      movedAside: new Map([[post.fileName, moved.path]]),
    };
    await saveManifest(at, manifest, { placed: [moved], linked: 3 });
    expect(content(await loadManifest(at, "/elsewhere"))).toEqual(manifest);
    const summary = loadSummary(at)!;
    expect(summary).toMatchObject({ out: "/out", placeKey: "k", siteHash: "sh", pageCount: 2, linked: 3 });
    expect(summary.index.names).toEqual([post.fileName]);
    expect(summary.index.paths).toEqual([moved.path]);
    expect([...summary.index.sizes, ...summary.index.mtimes, ...summary.index.times]).toEqual([10, 1.5, post.time]);
    expect(summary.index.siteNames[summary.index.sites[0]!]).toBe("s");
  });

  it("rewrites only the months whose posts or post pages changed, and removes the files it replaced", async () => {
    const at = join(dir, "months");
    const posts = [postOn("2024-01-05", 1), postOn("2024-01-20", 2), postOn("2024-02-03", 3), postOn("2024-03-01", 4, "t")];
    await saveManifest(at, manifestOf(posts), { placed: posts, linked: 0 });
    const first = monthFiles(at);
    expect(first.map((name) => name.slice(0, "month-2024-01".length))).toEqual(["month-2024-01", "month-2024-02", "month-2024-03"]);
    // A new post in March, its neighbour's page rewritten, the front page changed: January and February stay.
    const previous = await loadManifest(at, "/out");
    const added = postOn("2024-03-02", 5, "t");
    previous.posts.set(added.fileName, added);
    previous.pages.set(added.path, "new");
    previous.pages.set(posts[3]!.path, "next link");
    previous.pages.set("index.html", "front-2");
    await saveManifest(at, previous, { placed: [...posts, added], linked: 0 }, previous);
    const second = monthFiles(at);
    expect(second.filter((name) => first.includes(name))).toEqual(first.slice(0, 2));
    expect(second).toHaveLength(3);
    const loaded = await loadManifest(at, "/out");
    expect(loaded.posts.get(added.fileName)).toEqual(added);
    expect(loaded.pages.get(posts[3]!.path)).toBe("next link");
    expect(loaded.pages.get("index.html")).toBe("front-2");
    expect(loadSummary(at)!.index.names).toEqual([...posts, added].map((p) => p.fileName));
  });

  it("keeps the last build whole when a save is killed before the summary is renamed", async () => {
    const at = join(dir, "killed");
    const posts = [postOn("2024-01-05", 1), postOn("2024-02-03", 2)];
    await saveManifest(at, manifestOf(posts), { placed: posts, linked: 0 });
    const before = await loadManifest(at, "/out");
    // What a kill leaves: a month written under a new name, and a summary never renamed into place.
    writeFileSync(join(at, "month-2024-01-ffffffffffff.bin"), "half");
    writeFileSync(join(at, "summary.bin.1234.tmp"), "half");
    expect(content(await loadManifest(at, "/out"))).toEqual(content(before));
    await saveManifest(at, manifestOf(posts, "again"), { placed: posts, linked: 0 }, before);
    expect(readdirSync(at).filter((name) => name.includes("ffff") || name.endsWith(".tmp"))).toEqual([]);
    expect((await loadManifest(at, "/out")).pages.get("index.html")).toBe("front-again");
  });

  it("gives an empty manifest when a month file is missing or cut short", async () => {
    const at = join(dir, "cut");
    const posts = Array.from({ length: 2500 }, (_, i) => postOn("2024-01-05", i));
    await saveManifest(at, manifestOf(posts), { placed: posts, linked: 0 });
    const [month] = monthFiles(at);
    const bytes = readFileSync(join(at, month!));
    // The header frame, then the first frame of 2,000 posts: what follows (more posts, the pages) is cut off.
    const afterHeader = 4 + bytes.readUInt32LE(0);
    const afterFirst = afterHeader + 4 + bytes.readUInt32LE(afterHeader);
    writeFileSync(join(at, month!), bytes.subarray(0, afterFirst));
    expect((await loadManifest(at, "/out")).pages.size).toBe(0);
    rmSync(join(at, month!));
    expect((await loadManifest(at, "/out")).posts.size).toBe(0);
  });

  it("removes the single-file manifest older versions kept", async () => {
    const state = join(dir, "legacy");
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, "site-manifest.bin"), "old");
    writeFileSync(join(state, "site-manifest.journal"), "old");
    await saveManifest(join(state, "site"), manifestOf([post]), { placed: [post], linked: 0 });
    expect(existsSync(join(state, "site-manifest.bin")) || existsSync(join(state, "site-manifest.journal"))).toBe(false);
  });

  it("keeps a URL that is not derived from the output path", async () => {
    const at = join(dir, "u");
    const odd = { ...post, url: "/2023-12-07/a.html", path: "2023-12-07/a.html" };
    await saveManifest(at, { ...manifestOf([]), posts: new Map([[odd.fileName, odd]]) }, { placed: [odd], linked: 0 });
    expect((await loadManifest(at, "/out")).posts.get(odd.fileName)).toEqual(odd);
  });

  it("keeps an output path that holds a NUL (from a category), and an empty index", async () => {
    const at = join(dir, "nul");
    const odd = { ...post, path: "2023-12-07/a\u0000b/index.html", url: "/2023-12-07/a%00b/" };
    await saveManifest(at, { ...manifestOf([]), posts: new Map([[odd.fileName, odd]]) }, { placed: [odd], linked: 0 });
    expect(loadSummary(at)!.index.paths).toEqual([odd.path]);
    await saveManifest(at, manifestOf([]), { placed: [], linked: 0 });
    expect(loadSummary(at)!.index.names).toEqual([]);
  });

  it("files posts whose day is no date under one month", () => {
    expect([monthOf("2024-05-17"), monthOf("NaN-NaN-NaN"), monthOf("")]).toEqual(["2024-05", "other", "other"]);
  });

  it("updatePosts: brings the records up to date in place and names what changed", () => {
    const a = { ...post, fileName: "a.md" };
    const b = { ...post, fileName: "b.md" };
    const gone = { ...post, fileName: "gone.md" };
    const records = new Map([[a.fileName, a], [b.fileName, b], [gone.fileName, gone]]);
    const editedB = { ...b, size: 11 };
    const added = { ...post, fileName: "c.md" };
    const changed = updatePosts(records, [a, editedB, added]);
    expect([...changed]).toEqual([["b.md", editedB], ["c.md", added], ["gone.md", null]]);
    expect([...records.values()]).toEqual([a, editedB, added]);
    expect(updatePosts(records, [a, editedB, added]).size).toBe(0);
  });

  it.each([
    ["missing", null],
    ["not a manifest", Buffer.from("{\"version\":7}")],
    ["cut short", frame({ version: 7, out: "/out", placeKey: "k", siteHash: "sh" }).subarray(0, 12)],
    ["another version", frame({ version: 99, out: "/out", placeKey: "k", siteHash: "sh" })],
  ])("gives an empty manifest (a full build) when the summary is %s", async (_reason, bytes) => {
    const at = join(dir, `m-${Math.random()}`);
    mkdirSync(at);
    if (bytes !== null) writeFileSync(join(at, "summary.bin"), bytes);
    const loaded = await loadManifest(at, "/out");
    expect(loaded.pages.size).toBe(0);
    expect(loaded.out).toBe("/out");
    expect(loadSummary(at)).toBeNull();
  });

  it.each([
    ["same size and mtime", 10, 1.5, true],
    ["size changed", 11, 1.5, false],
    ["mtime changed", 10, 2, false],
  ])("isSameFile: %s", (_reason, size, mtime, same) => {
    expect(isSameFile(post, size, mtime)).toBe(same);
  });
});

describe("spliceJoined", () => {
  const old = ["2024-01-01-a.md", "2024-01-02-b.md", "2024-01-03-c.md"];
  const added = ["x.md", "y.md"];
  it.each([
    ["after every old entry", [0, 1, 2, -1, -2]],
    ["before them", [-1, -2, 0, 1, 2]],
    ["among them", [0, -1, 1, -2, 2]],
    ["with no old entry", [-1, -2]],
    ["with none added", [0, 1, 2]],
  ])("puts new entries %s as a join of the whole list would", (_where, from) => {
    const oldHere = from.some((i) => i >= 0) ? old : [];
    const whole = from.map((i) => (i >= 0 ? oldHere[i]! : added[-1 - i]!)).join("\0");
    expect(spliceJoined(oldHere.join("\0"), oldHere, from, (j) => added[j]!)).toBe(whole);
  });

  it("gives null for old entries out of order or left out", () => {
    expect(spliceJoined(old.join("\0"), old, [1, 0, 2], (j) => added[j]!)).toBeNull();
    expect(spliceJoined(old.join("\0"), old, [0, 2, -1], (j) => added[j]!)).toBeNull();
  });
});
