// Tests src/site/post-files.ts: the listing of `_posts/` follows Jekyll's rules.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listPostFiles, listPostNames } from "../../src/site/post-files.js";

const temp = mkdtempSync(join(tmpdir(), "newsmirror-files-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("listPostFiles", () => {
  it("lists posts in subfolders and skips dot-, underscore- and non-post names, as Jekyll does", () => {
    const dir = join(temp, "_posts");
    mkdirSync(join(dir, "news", "_drafts"), { recursive: true });
    mkdirSync(join(dir, ".git"), { recursive: true });
    for (const name of ["2023-12-07-a.md", "news/2023-12-08-b.html", "news/_drafts/2023-12-09-c.md", ".git/2023-12-07-x.md", "_skip.md", "notes.txt", "2023-12-10-詐騙.md"]) {
      writeFileSync(join(dir, name), "---\ntitle: t\n---\n");
    }
    expect(listPostFiles(dir).map((f) => f.fileName).sort()).toEqual(["2023-12-07-a.md", "2023-12-10-詐騙.md", "news/2023-12-08-b.html"]);
  });

  it("names a link to a folder but lists only files, with their sizes", () => {
    const dir = join(temp, "links");
    mkdirSync(join(dir, "real.md"), { recursive: true });
    writeFileSync(join(dir, "2023-12-07-a.md"), "abc");
    symlinkSync(join(dir, "real.md"), join(dir, "folder.md"));
    symlinkSync(join(dir, "2023-12-07-a.md"), join(dir, "2023-12-08-link.md"));
    expect(listPostNames(dir).sort()).toEqual(["2023-12-07-a.md", "2023-12-08-link.md", "folder.md"]);
    expect(listPostFiles(dir).map((f) => [f.fileName, f.size]).sort()).toEqual([["2023-12-07-a.md", 3], ["2023-12-08-link.md", 3]]);
  });

  it("gives nothing for a missing _posts/", () => {
    expect(listPostFiles(join(temp, "none"))).toEqual([]);
  });
});
