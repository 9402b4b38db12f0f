// Tests src/site/post-listing.ts: on a worker thread the listing gives what listing here gives, step by step.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { saveManifest } from "../../src/site/manifest.js";
import { listPostFiles } from "../../src/site/post-files.js";
import { indexIn, listAside, listHere, withPostFiles } from "../../src/site/post-listing.js";
import type { PostSummary } from "../../src/site/post-record.js";
import { sharedPath } from "../support/paths.js";

const temp = mkdtempSync(join(tmpdir(), "newsmirror-listing-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A mirror of three posts with a manifest that indexes the first two. */
async function mirror(name: string): Promise<{ postsDir: string; manifestDir: string }> {
  const postsDir = join(temp, name, "_posts");
  const manifestDir = join(temp, name, ".newsmirror", "site");
  mkdirSync(postsDir, { recursive: true });
  for (const file of ["2024-01-01-a.md", "2024-01-02-b.md", "2024-01-03-c.md"]) writeFileSync(join(postsDir, file), `---\ntitle: ${file}\n---\n`);
  const indexed: PostSummary[] = ["2024-01-01-a.md", "2024-01-02-b.md"].map((fileName, i) => {
    const stat = statSync(join(postsDir, fileName));
    return { fileName, size: stat.size, mtimeMs: stat.mtimeMs, title: fileName, time: i, author: "", site: "s", from: "", comments: false, categories: [], lang: "", hash: "h", url: `/${i}/`, path: `${i}/index.html`, day: "2024-01-01" };
  });
  await saveManifest(manifestDir, { out: "/out", placeKey: "k", siteHash: "h", pages: new Map(), posts: new Map(indexed.map((p) => [p.fileName, p])), movedAside: new Map() }, { placed: indexed, linked: 0 });
  return { postsDir, manifestDir };
}

describe("the listing against the last build's index", () => {
  it("gives the new names, then the stats' verdict, then every file, on a worker as here", async () => {
    const { postsDir, manifestDir } = await mirror("same");
    const aside = listAside(postsDir, manifestDir);
    const here = listHere(postsDir, indexIn(manifestDir));
    const delta = await aside.delta;
    expect(delta).toEqual(await here.delta);
    expect(delta).toMatchObject({ newNames: ["2024-01-03-c.md"], gone: false });
    expect(await aside.check).toEqual(await here.check);
    expect((await aside.check)?.edited).toBe(false);
    expect(await aside.files()).toEqual(listPostFiles(postsDir));
  }, 30_000);

  it("tells an edit and a deletion", async () => {
    const { postsDir, manifestDir } = await mirror("changed");
    utimesSync(join(postsDir, "2024-01-01-a.md"), new Date(), new Date(Date.now() + 10_000));
    expect((await listAside(postsDir, manifestDir).check)?.edited).toBe(true);
    rmSync(join(postsDir, "2024-01-02-b.md"));
    expect((await listAside(postsDir, manifestDir).delta)?.gone).toBe(true);
  }, 30_000);

  it("gives no delta without a manifest, and still every file (the 2,470 corpus posts)", async () => {
    const dir = sharedPath("corpus/posts");
    const aside = listAside(dir, join(temp, "none"));
    expect(await aside.delta).toBeNull();
    expect(await aside.check).toBeNull();
    expect((await aside.files()).length).toBe(readdirSync(dir).filter((name) => name.endsWith(".md")).length);
  }, 30_000);

  it("closed before it answers, gives nothing and stops its worker", async () => {
    const { postsDir, manifestDir } = await mirror("closed");
    const listing = listAside(postsDir, manifestDir);
    listing.close();
    expect(await listing.delta).toBeNull();
    expect(await listing.check).toBeNull();
    await expect(listing.files()).rejects.toThrow(/closed/);
  }, 30_000);

  it("fails as listing here fails when _posts/ is not a folder", async () => {
    const file = join(temp, "a-file");
    writeFileSync(file, "");
    await expect(listAside(file, join(temp, "none")).delta).rejects.toMatchObject({ code: "ENOTDIR" });
    await expect(listAside(file, join(temp, "none")).files()).rejects.toMatchObject({ code: "ENOTDIR" });
    await expect(listHere(file, null).files()).rejects.toMatchObject({ code: "ENOTDIR" });
  }, 30_000);
});

describe("withPostFiles: a listing begun before this process wrote posts", () => {
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
