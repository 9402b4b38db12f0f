// Tests src/site/post-files.ts: the listing of `_posts/` is the same on a worker thread as here.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listPostFiles, listPostFilesAside, packFiles, unpackFiles } from "../../src/site/post-files.js";
import { sharedPath } from "../support/paths.js";

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

  it("gives nothing for a missing _posts/", () => {
    expect(listPostFiles(join(temp, "none"))).toEqual([]);
  });
});

describe("listPostFilesAside", () => {
  it("gives on a worker thread exactly what listing here gives (the 2,470 corpus posts)", async () => {
    const dir = sharedPath("corpus/posts");
    expect(await listPostFilesAside(dir)).toEqual(listPostFiles(dir));
  }, 30_000);

  it("fails as listing here fails when _posts/ is not a folder", async () => {
    const file = join(temp, "a-file");
    writeFileSync(file, "");
    await expect(listPostFilesAside(file)).rejects.toMatchObject({ code: "ENOTDIR" });
  }, 30_000);

  it("packs sizes and mtimes without loss", () => {
    const files = [{ fileName: "a.md", size: 3, mtimeMs: 1795798739141.018 }, { fileName: "b/c.md", size: 0, mtimeMs: 0.5 }];
    expect(unpackFiles(packFiles(files))).toEqual(files);
  });
});
