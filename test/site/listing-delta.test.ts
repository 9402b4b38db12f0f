// Tests src/site/listing-delta.ts: new files are told from edited and deleted ones by the index alone.
import { describe, expect, it } from "vitest";
import { addedFiles } from "../../src/site/listing-delta.js";
import type { PostIndex } from "../../src/site/manifest.js";

const index: PostIndex = {
  names: ["a.md", "b.md"], sizes: new Float64Array([10, 20]), mtimes: new Float64Array([1, 2]), times: new Float64Array([5, 6]),
  paths: ["a/index.html", "b/index.html"], days: ["2024-01-01", "2024-01-01"], sites: new Uint32Array([0, 0]), siteNames: ["s"],
};

describe("addedFiles", () => {
  it("gives the files the index does not know, in listing order", () => {
    const c = { fileName: "c.md", size: 1, mtimeMs: 3 };
    expect(addedFiles(index, [{ fileName: "b.md", size: 20, mtimeMs: 2 }, c, { fileName: "a.md", size: 10, mtimeMs: 1 }])).toEqual([c]);
    expect(addedFiles(index, [{ fileName: "a.md", size: 10, mtimeMs: 1 }, { fileName: "b.md", size: 20, mtimeMs: 2 }])).toEqual([]);
  });

  it.each([
    ["an edited size", [{ fileName: "a.md", size: 11, mtimeMs: 1 }, { fileName: "b.md", size: 20, mtimeMs: 2 }]],
    ["an edited mtime", [{ fileName: "a.md", size: 10, mtimeMs: 9 }, { fileName: "b.md", size: 20, mtimeMs: 2 }]],
    ["a deleted file", [{ fileName: "a.md", size: 10, mtimeMs: 1 }, { fileName: "c.md", size: 1, mtimeMs: 1 }]],
  ])("gives null for %s (the whole archive is read then)", (_case, files) => {
    expect(addedFiles(index, files)).toBeNull();
  });
});
