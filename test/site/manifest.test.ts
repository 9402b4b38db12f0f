// Tests src/site/manifest.ts: the record of the last build survives a round trip and never blocks a build.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { serialize } from "node:v8";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isSameFile, loadManifest, saveManifest, updatePosts, type SiteManifest } from "../../src/site/manifest.js";
import type { PostSummary } from "../../src/site/post-record.js";

const dir = mkdtempSync(join(tmpdir(), "newsmirror-manifest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const post: PostSummary = {
  fileName: "2023-12-07-a.md", size: 10, mtimeMs: 1.5, title: "t", time: 5, author: "a", site: "s", from: "https://x/", comments: false,
  categories: ["s", "t"], lang: "en", hash: "h", url: "/2023-12-07/a/", path: "2023-12-07/a/index.html", day: "2023-12-07",
};

/** One frame of the base format: length, then the V8-serialized value. */
function frame(value: unknown): Buffer {
  const bytes = serialize(value);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bytes.length);
  return Buffer.concat([length, bytes]);
}

describe("the site manifest", () => {
  it("round-trips pages and posts", async () => {
    const file = join(dir, ".newsmirror", "site-manifest.bin");
    const manifest: SiteManifest = { out: "/out", placeKey: "k", siteHash: "sh", pages: new Map([["index.html", "in"]]), posts: new Map([[post.fileName, post]]), movedAside: new Map([[post.fileName, "2023-12-07/a-2/index.html"]]) };
    await saveManifest(file, manifest);
    const { stored, ...loaded } = await loadManifest(file, "/elsewhere");
    expect(loaded).toEqual(manifest);
    expect(stored?.journalBytes).toBe(0);
  });

  it("appends a small change to the journal and reads it back, ignoring a torn last line", async () => {
    const file = join(dir, "j", "site-manifest.bin");
    const first: SiteManifest = { out: "/out", placeKey: "k", siteHash: "sh", pages: new Map([["index.html", "in"], ["old.html", "o"]]), posts: new Map([[post.fileName, post]]), movedAside: new Map([[post.fileName, "2023-12-07/a-2/index.html"]]) };
    await saveManifest(file, first);
    const previous = await loadManifest(file, "/out");
    const added = { ...post, fileName: "2023-12-08-b.md", title: "b", path: "2023-12-08/b/index.html", url: "/2023-12-08/b/" };
    const next: SiteManifest = {
      out: "/out", placeKey: "k", siteHash: "sh", pages: new Map([["index.html", "in2"], ["b.html", "b"]]),
      posts: new Map([[post.fileName, previous.posts.get(post.fileName)!], [added.fileName, added]]), movedAside: new Map([[added.fileName, "2023-12-08/b-2/index.html"]]),
    };
    const baseBefore = readFileSync(file);
    await saveManifest(file, next, previous);
    expect(readFileSync(file).equals(baseBefore)).toBe(true);
    const journal = readFileSync(join(dir, "j", "site-manifest.journal"), "utf8");
    // The base line, then: post b, pages index.html and b.html, old.html gone, b moved aside, a no longer.
    expect(journal.trim().split("\n")).toHaveLength(7);
    const { stored: _stored, ...reloaded } = await loadManifest(file, "/out");
    expect(reloaded).toEqual(next);
    writeFileSync(join(dir, "j", "site-manifest.journal"), `${journal}["g","torn`);
    const torn = await loadManifest(file, "/out");
    expect(torn.pages).toEqual(next.pages);
    // The next save cuts the torn tail before appending.
    await saveManifest(file, { ...next, pages: new Map([...next.pages, ["c.html", "c"]]) }, torn);
    expect((await loadManifest(file, "/out")).pages.get("c.html")).toBe("c");
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

  it("journals the changes a build names, its maps updated in place, as a comparison would", async () => {
    const file = join(dir, "known", "site-manifest.bin");
    await saveManifest(file, { out: "/out", placeKey: "k", siteHash: "sh", pages: new Map([["index.html", "in"], ["old.html", "o"]]), posts: new Map([[post.fileName, post]]), movedAside: new Map() });
    const previous = await loadManifest(file, "/out");
    const added = { ...post, fileName: "2023-12-08-b.md", path: "2023-12-08/b/index.html", url: "/2023-12-08/b/" };
    const pages = previous.pages;
    const changed = new Map<string, string | null>([["index.html", "in2"], ["b.html", "b"], ["old.html", null]]);
    for (const [path, inputs] of changed) inputs === null ? pages.delete(path) : pages.set(path, inputs);
    const postChanges = updatePosts(previous.posts, [added]);
    const next: SiteManifest = { out: "/out", placeKey: "k", siteHash: "sh", pages, posts: previous.posts, movedAside: new Map() };
    await saveManifest(file, next, previous, { pages: changed, posts: postChanges });
    // The base line, then: post b, the first post gone, pages index.html and b.html, old.html gone.
    expect(readFileSync(join(dir, "known", "site-manifest.journal"), "utf8").trim().split("\n")).toHaveLength(6);
    const { stored: _stored, ...reloaded } = await loadManifest(file, "/out");
    expect(reloaded).toEqual({ ...next, pages: new Map([["index.html", "in2"], ["b.html", "b"]]), posts: new Map([[added.fileName, added]]) });
  });

  it("folds a journal that would pass 1 MB into the base, even when the base is far larger", async () => {
    const file = join(dir, "cap", "site-manifest.bin");
    const inputs = "i".repeat(200);
    const pages = new Map(Array.from({ length: 30_000 }, (_, i) => [`p/${i}/index.html`, inputs] as [string, string]));
    await saveManifest(file, { out: "/out", placeKey: "k", siteHash: "sh", pages, posts: new Map(), movedAside: new Map() });
    expect(readFileSync(file).length).toBeGreaterThan(5_000_000);
    const changeSome = async (count: number, mark: string): Promise<void> => {
      const previous = await loadManifest(file, "/out");
      const next = new Map(previous.pages);
      for (let i = 0; i < count; i++) next.set(`p/${i}/index.html`, `${mark}${inputs}`);
      await saveManifest(file, { ...previous, pages: next }, previous);
    };
    await changeSome(100, "a");
    const journal = join(dir, "cap", "site-manifest.journal");
    expect(readFileSync(journal, "utf8").trim().split("\n")).toHaveLength(101);
    // 5,000 lines of about 230 bytes: past 1 MB, though under a quarter of the base.
    await changeSome(5_000, "b");
    expect(() => readFileSync(journal)).toThrow();
    expect((await loadManifest(file, "/out")).pages.get("p/4999/index.html")).toBe(`b${inputs}`);
  });

  it("keeps a URL that is not derived from the output path", async () => {
    const file = join(dir, "u", "site-manifest.bin");
    const odd = { ...post, url: "/2023-12-07/a.html", path: "2023-12-07/a.html" };
    await saveManifest(file, { out: "/out", placeKey: "k", siteHash: "sh", pages: new Map(), posts: new Map([[odd.fileName, odd]]), movedAside: new Map() });
    expect((await loadManifest(file, "/out")).posts.get(odd.fileName)).toEqual(odd);
  });

  it("gives an empty manifest when the base was cut at a frame boundary (its counts do not match)", async () => {
    const file = join(dir, "cut", "site-manifest.bin");
    await saveManifest(file, { out: "/out", placeKey: "k", siteHash: "sh", pages: new Map([["index.html", "in"]]), posts: new Map([[post.fileName, post]]), movedAside: new Map() });
    const bytes = readFileSync(file);
    // Header frame, then the pages frame: what is left after them is the posts frame.
    const afterHeader = 4 + bytes.readUInt32LE(0);
    const afterPages = afterHeader + 4 + bytes.readUInt32LE(afterHeader);
    expect(afterPages).toBeLessThan(bytes.length);
    writeFileSync(file, bytes.subarray(0, afterPages));
    expect((await loadManifest(file, "/out")).pages.size).toBe(0);
  });

  it.each([
    ["missing", null],
    ["not a manifest", Buffer.from("{\"version\":5}")],
    ["cut short", frame({ version: 5, base: "b", out: "/out", placeKey: "k", siteHash: "sh" }).subarray(0, 12)],
    ["another version", frame({ version: 99, base: "b", out: "/out", placeKey: "k", siteHash: "sh" })],
  ])("gives an empty manifest (a full build) when %s", async (_reason, bytes) => {
    const file = join(dir, `m-${Math.random()}.bin`);
    if (bytes !== null) writeFileSync(file, bytes);
    const loaded = await loadManifest(file, "/out");
    expect(loaded.pages.size).toBe(0);
    expect(loaded.out).toBe("/out");
  });

  it.each([
    ["same size and mtime", 10, 1.5, true],
    ["size changed", 11, 1.5, false],
    ["mtime changed", 10, 2, false],
  ])("isSameFile: %s", (_reason, size, mtime, same) => {
    expect(isSameFile(post, size, mtime)).toBe(same);
  });
});
