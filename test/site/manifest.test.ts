// Tests src/site/manifest.ts: the record of the last build survives a round trip and never blocks a build.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isSameFile, loadManifest, saveManifest, type SiteManifest } from "../../src/site/manifest.js";
import type { PostSummary } from "../../src/site/post-record.js";

const dir = mkdtempSync(join(tmpdir(), "newsmirror-manifest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const post: PostSummary = {
  fileName: "2023-12-07-a.md", size: 10, mtimeMs: 1.5, title: "t", time: 5, author: "a", site: "s", from: "https://x/", comments: false,
  categories: ["s", "t"], lang: "en", hash: "h", url: "/2023-12-07/a/", path: "2023-12-07/a/index.html", day: "2023-12-07",
};

describe("the site manifest", () => {
  it("round-trips pages and posts", async () => {
    const file = join(dir, ".newsmirror", "site-manifest.json");
    const manifest: SiteManifest = { out: "/out", placeKey: "k", pages: new Map([["index.html", ["in", "outhash"]]]), posts: new Map([[post.fileName, post]]) };
    await saveManifest(file, manifest);
    expect(await loadManifest(file, "/elsewhere")).toEqual(manifest);
  });

  it.each([
    ["missing", null],
    ["not JSON", "{"],
    ["another version", JSON.stringify({ version: 99, pages: [], posts: [] })],
  ])("gives an empty manifest (a full build) when %s", async (_reason, text) => {
    const file = join(dir, `m-${Math.random()}.json`);
    if (text !== null) writeFileSync(file, text);
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
