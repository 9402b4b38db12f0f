// Tests src/site/post-listing.ts: on a worker thread the listing gives what listing here gives, step by step.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listPostFiles } from "../../src/site/post-files.js";
import { indexIn, listAside, listHere } from "../../src/site/post-listing.js";
import { indexedMirror } from "../support/indexed-mirror.js";
import { sharedPath } from "../support/paths.js";

const temp = mkdtempSync(join(tmpdir(), "newsmirror-listing-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const mirror = (name: string): Promise<{ postsDir: string; manifestDir: string }> => indexedMirror(join(temp, name));

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
