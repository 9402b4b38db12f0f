import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatPost, readPosts } from "../../src/archive/index.js";
import { item, useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

describe("readPosts", () => {
  it("yields every post in file-name order, failures for unreadable ones, and skips dot files", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "_posts"));
    for (const n of [2, 1]) {
      const post = formatPost(item(n));
      writeFileSync(join(dir, "_posts", post.fileName), post.text);
    }
    writeFileSync(join(dir, "_posts", "2024-01-01-bad.md"), "not a post");
    writeFileSync(join(dir, "_posts", ".2024-01-01-x.md.1.tmp"), "temp");
    writeFileSync(join(dir, "_posts", "notes.txt"), "not markdown");
    const seen: string[] = [];
    for await (const post of readPosts(dir)) seen.push(post.ok ? post.value.title : post.failure.code);
    expect(seen).toEqual(["archive.bad-post", "Item 1", "Item 2"]);
  });

  it("yields nothing for a mirror without _posts/", async () => {
    const seen: unknown[] = [];
    for await (const post of readPosts(tempDir())) seen.push(post);
    expect(seen).toEqual([]);
  });
});
