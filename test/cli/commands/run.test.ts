// `newsmirror run` on a mirror large enough that `_posts/` is listed beside the fetch: the build that ends the run
// is told which posts the fetch wrote, and writes what a full build of the same posts writes.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import command from "../../../src/cli/commands/run.js";
import { beginListing } from "../../../src/site/post-listing.js";
import { useFarmMirrors } from "../../support/farm-mirror.js";
import { sharedPath } from "../../support/paths.js";
import { expectSameTree, mustBuild, readTree } from "../../support/site-tree.js";
import { captureIo } from "./archive-commands-io.js";

const CORPUS = sharedPath("corpus/posts");
/** Enough posts for a build summary of over 1 MB, from which the listing runs on a worker. */
const POSTS = 5_000;
const START = Date.UTC(2015, 0, 1);

const mirrors = useFarmMirrors(3, 5);

/** A mirror of `POSTS` corpus posts under new dates and names, 20 minutes apart, with short bodies, built once. */
async function builtMirror(): Promise<string> {
  const dir = mirrors.tempDir("nm-run-");
  const corpus = readdirSync(CORPUS).filter((name) => name.endsWith(".md")).sort().map((name) => ({ name, text: readFileSync(join(CORPUS, name), "utf8") }));
  mkdirSync(join(dir, "_posts"));
  for (let i = 0; i < POSTS; i++) {
    const { name, text } = corpus[i % corpus.length]!;
    const iso = new Date(START + i * 20 * 60_000).toISOString();
    // Short bodies: the build's work on 5,000 posts is not what this test is about.
    const post = text.replace(/^date: .*$/m, `date: ${iso}`).replace(/^title: "(.*)"$/m, `title: "$1 ${i}"`).replace(/\n---\n[\s\S]*$/, `\n---\n<!--${Date.parse(iso)}-->\n<div>\n<p>第 ${i} 篇</p>\n</div>\n`);
    writeFileSync(join(dir, "_posts", `${iso.slice(0, 10)}-${name.slice(11, -3)} ${i}.md`), post);
  }
  // Sources the mirror has posts of: a new source's first post sends a build the whole way.
  mirrors.subscribe(dir, ["BBC", "美国之音", "联合早报"]);
  await mustBuild({ dir });
  return dir;
}

describe("newsmirror run", () => {
  it("builds the posts it fetched from the listing begun beside the fetch, as a full build would", async () => {
    const dir = await builtMirror();
    const probe = beginListing(dir);
    expect(probe).toBeDefined();
    probe?.close();
    const io = captureIo(dir);
    expect(await command.run(["--dir", dir], io)).toBe(0);
    expect(io.out()).toMatch(/site: \d+ pages, \d+ written, 0 removed in [\d.]+ s \(new posts only\)/);
    expect(readdirSync(join(dir, "_posts"))).toHaveLength(POSTS + 15);
    const fresh = mirrors.tempDir("nm-run-full-");
    cpSync(join(dir, "_posts"), join(fresh, "_posts"), { recursive: true });
    await mustBuild({ dir: fresh, full: true });
    expectSameTree(readTree(join(dir, "_site")), readTree(join(fresh, "_site")));
    expect((await mustBuild({ dir })).scope).toBe("unchanged");
  }, 180_000);
});
