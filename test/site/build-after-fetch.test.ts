// Tests src/site/build-after-fetch.ts with a real fetch: the posts the archive writes reach the build as they are
// written, their story texts are read then, and the build after the fetch writes what a full build writes.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMirror } from "../../src/ingest/index.js";
import { beginBuildAfterFetch, type BuildAfterFetch } from "../../src/site/build-after-fetch.js";
import { MANIFEST_DIR } from "../../src/site/manifest.js";
import { indexIn, listHere, type PostListing } from "../../src/site/post-listing.js";
import { useFarmMirrors } from "../support/farm-mirror.js";
import { sharedPath } from "../support/paths.js";
import { expectSameTree, mustBuild, readTree } from "../support/site-tree.js";

const SOURCES = ["BBC", "美国之音", "联合早报"];
const listAtOnce = (dir: string): PostListing => listHere(join(dir, "_posts"), indexIn(join(dir, MANIFEST_DIR)));
const mirrors = useFarmMirrors(3, 5);

/** A built mirror of the corpus posts of the farm's sources, and the farm's feeds as its sources. */
async function builtMirror(): Promise<string> {
  const dir = mirrors.tempDir("nm-after-fetch-");
  mkdirSync(join(dir, "_posts"));
  const corpus = sharedPath("corpus/posts");
  for (const name of readdirSync(corpus)) {
    const text = readFileSync(join(corpus, name), "utf8");
    if (SOURCES.includes(/^categories: \[ (.*) \]$/m.exec(text)?.[1] ?? "")) writeFileSync(join(dir, "_posts", name), text);
  }
  mirrors.subscribe(dir, SOURCES);
  await mustBuild({ dir, search: false });
  return dir;
}

describe("beginBuildAfterFetch", () => {
  it("hears of every post the fetch writes, reads their story texts then, and builds as a full build would", async () => {
    const dir = await builtMirror();
    let after: BuildAfterFetch | undefined;
    const heard: string[] = [];
    const fetched = await runMirror({
      dir,
      // Listed at once, before the fetch writes: only being told of the new posts can find them.
      onArchiveOpen: () => (after = beginBuildAfterFetch(dir, listAtOnce)),
      onPostFile: (fileName) => {
        heard.push(fileName);
        after?.onPostFile(fileName);
      },
    });
    if (!fetched.ok) throw new Error(fetched.failure.message);
    expect(fetched.value.postFiles.created).toHaveLength(15);
    expect(heard).toEqual(fetched.value.postFiles.created);
    const built = await after!.build(fetched.value.postFiles, { search: false });
    if (!built.ok) throw new Error(built.failure.message);
    // The new posts' texts were read as they were written: the story links read no post.
    expect(built.value).toMatchObject({ scope: "recent", parsed: 15, stories: { read: 0 } });
    const fresh = mirrors.tempDir("nm-after-fetch-full-");
    cpSync(join(dir, "_posts"), join(fresh, "_posts"), { recursive: true });
    await mustBuild({ dir: fresh, full: true, search: false });
    expectSameTree(readTree(join(dir, "_site")), readTree(join(fresh, "_site")));
  }, 60_000);

  it("lists the folder itself when a file it is told of cannot be statted", async () => {
    const dir = await builtMirror();
    const after = beginBuildAfterFetch(dir, listAtOnce);
    const [name] = readdirSync(join(dir, "_posts"));
    // A name below a file: stat fails with ENOTDIR, not ENOENT.
    const built = await after.build({ created: [`${name}/below.md`], rewritten: [] }, { search: false });
    expect(built.ok && built.value.scope).toBe("unchanged");
  }, 60_000);
});
