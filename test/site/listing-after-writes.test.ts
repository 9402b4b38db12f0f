// Tests src/site/listing-after-writes.ts: a listing begun before this process wrote posts, made true for after them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withPostFiles } from "../../src/site/listing-after-writes.js";
import { listPostFiles } from "../../src/site/post-files.js";
import { indexIn, listHere } from "../../src/site/post-listing.js";
import { indexedMirror } from "../support/indexed-mirror.js";

const temp = mkdtempSync(join(tmpdir(), "newsmirror-after-writes-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const mirror = (name: string): Promise<{ postsDir: string; manifestDir: string }> => indexedMirror(join(temp, name));

describe("withPostFiles", () => {
  const byName = (a: { fileName: string }, b: { fileName: string }): number => a.fileName.localeCompare(b.fileName);

  it("counts the files it created as new and the indexed one it rewrote as an edit, with their stats taken after", async () => {
    const { postsDir, manifestDir } = await mirror("told");
    const listing = listHere(postsDir, indexIn(manifestDir));
    writeFileSync(join(postsDir, "2024-01-04-d.md"), "---\ntitle: d\n---\n");
    writeFileSync(join(postsDir, "2024-01-01-a.md"), "---\ntitle: a, rewritten\n---\n");
    writeFileSync(join(postsDir, "2024-01-03-c.md"), "---\ntitle: c, rewritten\n---\n");
    const told = withPostFiles(listing, postsDir, { created: ["2024-01-04-d.md"], rewritten: ["2024-01-01-a.md", "2024-01-03-c.md"] });
    expect(await told.delta).toMatchObject({ newNames: ["2024-01-03-c.md", "2024-01-04-d.md"], gone: false, edited: true, told: ["2024-01-04-d.md"] });
    const now = listPostFiles(postsDir);
    const check = await told.check;
    expect(check?.edited).toBe(true);
    expect(check?.newFiles.sort(byName)).toEqual(now.filter((file) => file.fileName >= "2024-01-03").sort(byName));
    expect((await told.files()).sort(byName)).toEqual(now.sort(byName));
  });

  it("tells no edit when it rewrote only new files", async () => {
    const { postsDir, manifestDir } = await mirror("told-new");
    const listing = listHere(postsDir, indexIn(manifestDir));
    writeFileSync(join(postsDir, "2024-01-04-d.md"), "---\ntitle: d\n---\n");
    const told = withPostFiles(listing, postsDir, { created: ["2024-01-04-d.md"], rewritten: ["2024-01-04-d.md", "2024-01-03-c.md"] });
    expect(await told.delta).toMatchObject({ edited: false });
    expect((await told.check)?.edited).toBe(false);
  });
});
