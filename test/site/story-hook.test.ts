// Tests src/site/story-hook.ts: story links found on a worker thread equal those found in the build's thread.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as OpenCC from "opencc-js";
import { afterAll, describe, expect, it } from "vitest";
import { parsePost } from "../../src/archive/index.js";
import { readPostHtml } from "../../src/site/post-reader.js";
import { recordOfPost, type PostSummary } from "../../src/site/post-record.js";
import { linkPostStories } from "../../src/site/story-hook.js";
import { sharedPath } from "../support/paths.js";

const CORPUS = sharedPath("corpus/posts");
const root = mkdtempSync(join(tmpdir(), "newsmirror-story-hook-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** 60 posts of one month, plus one of them again in Simplified script from another outlet an hour later. */
function mirror(dir: string): PostSummary[] {
  const postsDir = join(dir, "_posts");
  mkdirSync(postsDir, { recursive: true });
  const names = readdirSync(CORPUS).filter((name) => name.startsWith("2020-09-")).sort().slice(0, 60);
  for (const name of names) copyFileSync(join(CORPUS, name), join(postsDir, name));
  const long = names.find((name) => (readFileSync(join(CORPUS, name), "utf8").match(/[\u4e00-\u9fff]/g)?.length ?? 0) > 400)!;
  const copy = OpenCC.Converter({ from: "tw", to: "cn" })(readFileSync(join(CORPUS, long), "utf8"))
    .replace(/^categories: .*$/m, "categories: [ 轉載新聞 ]")
    .replace(/^date: (.*)$/m, (_line: string, date: string) => `date: ${new Date(Date.parse(date) + 3_600_000).toISOString()}`);
  writeFileSync(join(postsDir, `2020-09-30-copy.md`), copy);
  return readdirSync(postsDir).map((name) => {
    const text = readFileSync(join(postsDir, name), "utf8");
    const parsed = parsePost(text, name);
    if (!parsed.ok) throw new Error(parsed.failure.message);
    return { ...recordOfPost(parsed.value, name, text.length, 0, Buffer.from(text)), url: "", path: "", day: "" };
  });
}

describe("linkPostStories", () => {
  it("links the same posts on a worker thread as in this one, then reads nothing when nothing changed", async () => {
    const one = join(root, "one");
    const two = join(root, "two");
    const posts = mirror(one);
    mirror(two);
    const read = (dir: string) => (fileName: string) => readPostHtml(join(dir, "_posts"), fileName);
    const here = await linkPostStories(join(one, "links.json"), posts, read(one), { postsDir: join(one, "_posts"), workerFrom: Number.POSITIVE_INFINITY });
    const there = await linkPostStories(join(two, "links.json"), posts, read(two), { postsDir: join(two, "_posts"), workerFrom: 0 });
    expect(here.links.get("2020-09-30-copy.md")).toHaveLength(1);
    expect([...there.links].sort()).toEqual([...here.links].sort());
    expect([here.onWorker, there.onWorker]).toEqual([false, true]);
    expect(there.postsRead).toBe(posts.length);
    const again = await linkPostStories(join(two, "links.json"), posts, read(two), { postsDir: join(two, "_posts"), workerFrom: 0 });
    expect([again.postsRead, again.windowsComputed]).toEqual([0, 0]);
    expect([...again.storied].sort()).toEqual([...here.links.keys()].sort());
  }, 60_000);
});
