import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importMirror, openArchive } from "../../src/archive/index.js";
import { sharedPath } from "../support/paths.js";
import { item, useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

/** Corpus posts in the old mirror: every 8th, plus the odd names (`\\"`, leading spaces), to keep the test quick. */
function corpusSample(): string[] {
  const names = readdirSync(sharedPath("corpus/posts")).filter((name) => name.endsWith(".md")).sort();
  return names.filter((name, i) => i % 8 === 0 || /\\|^\d{4}-\d\d-\d\d- /.test(name));
}

/** An old script's mirror: `_posts/` holds links to corpus posts (never copies), `allurls.dat` their links plus an older one. */
function oldMirror(): { dir: string; links: string[]; posts: number } {
  const dir = tempDir();
  mkdirSync(join(dir, "_posts"));
  const links = new Set<string>();
  const sample = corpusSample();
  for (const name of sample) {
    const path = sharedPath(`corpus/posts/${name}`);
    symlinkSync(path, join(dir, "_posts", name));
    const from = /^from: (.*)$/m.exec(readFileSync(path, "utf8"));
    if (from !== null) links.add(from[1] as string);
  }
  writeFileSync(join(dir, "allurls.dat"), `${[...links, "https://gone.example/archived/1"].join("\n")}\n`);
  return { dir, links: [...links], posts: sample.length };
}

describe("importMirror", () => {
  it("takes over a mirror of corpus posts: every post once, every old link known, a second import changes nothing", async () => {
    const old = oldMirror();
    const target = tempDir();
    const first = await importMirror(old.dir, target);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const postCount = readdirSync(join(target, "_posts")).length;
    expect(first.value.posts + first.value.skipped).toBe(old.posts);
    expect(first.value.posts).toBe(old.links.length);
    expect(postCount).toBe(first.value.posts);
    expect(first.value.urls).toBe(old.links.length + 1);

    const second = await importMirror(old.dir, target);
    expect(second.ok && second.value).toEqual({ posts: 0, urls: 0, skipped: old.posts });
    expect(readdirSync(join(target, "_posts")).length).toBe(postCount);

    const archive = await openArchive(target);
    if (!archive.ok) throw new Error(archive.failure.message);
    for (const link of [...old.links.slice(0, 50), "https://gone.example/archived/1"]) {
      expect(archive.value.isKnown(link, null)).toBe(true);
      const again = await archive.value.write(item(1, { link }));
      expect(again.ok && again.value.kind).not.toBe("written");
    }
    await archive.value.close();
    expect(readdirSync(join(target, "_posts")).length).toBe(postCount);
  }, 60_000);

  it("keeps both posts when the target holds a different article under the same name", async () => {
    const from = tempDir();
    const target = tempDir();
    mkdirSync(join(from, "_posts"));
    mkdirSync(join(target, "_posts"));
    const post = (link: string) => `---\nlayout: post\ntitle: "T"\ndate: 2024-01-01T00:00:00.000Z\nauthor: A\nfrom: ${link}\ntags: [ A ]\ncategories: [ A ]\n---\n<!--1-->\n[T](${link})\n------\n\n<div>\nx\n</div>\n`;
    writeFileSync(join(from, "_posts", "2024-01-01-T.md"), post("https://a.example/old"));
    writeFileSync(join(target, "_posts", "2024-01-01-T.md"), post("https://a.example/new"));
    const result = await importMirror(from, target);
    expect(result.ok && result.value).toEqual({ posts: 1, urls: 1, skipped: 0 });
    expect(readdirSync(join(target, "_posts")).sort()).toEqual(["2024-01-01-T (2).md", "2024-01-01-T.md"]);
  });

  it("refuses a folder that is not a mirror, naming it", async () => {
    const notMirror = tempDir();
    const result = await importMirror(notMirror, tempDir());
    expect(result.ok ? "ok" : result.failure.message).toContain(`${notMirror} has neither _posts/ nor allurls.dat`);
  });

  it("fails with archive.locked while a run holds the target", async () => {
    const old = tempDir();
    writeFileSync(join(old, "allurls.dat"), "https://a.example/1\n");
    const target = tempDir();
    const archive = await openArchive(target);
    if (!archive.ok) throw new Error(archive.failure.message);
    const result = await importMirror(old, target);
    expect(result.ok ? "ok" : result.failure.code).toBe("archive.locked");
    await archive.value.close();
  });
});
