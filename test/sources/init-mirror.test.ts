// Tests of init-mirror.ts: a new mirror folder, never overwriting a file.
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SOURCES, initMirror, loadMirrorConfig } from "../../src/sources/index.js";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "newsmirror-init-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("initMirror", () => {
  it("creates a mirror that loads with the default sources", async () => {
    const dir = join(await tempDir(), "new", "mirror");
    const result = await initMirror(dir);
    expect(result).toEqual({ ok: true, value: { created: ["_posts/", "subs.json", "newsmirror.yml", "_config.yml", "allurls.dat"] } });
    expect((await stat(join(dir, "_posts"))).isDirectory()).toBe(true);
    expect(await readFile(join(dir, "allurls.dat"), "utf8")).toBe("");
    expect(await readFile(join(dir, "subs.json"), "utf8")).toBe(`${JSON.stringify(DEFAULT_SOURCES, undefined, 4)}\n`);
    expect(await readFile(join(dir, "_config.yml"), "utf8")).toBe("title: mirror\ntimezone: Asia/Taipei\npermalink: /:year-:month-:day/:title/\n");
    const config = await loadMirrorConfig(dir);
    expect(config.ok && config.value.sources.map(({ site, url }) => ({ site, url }))).toEqual(DEFAULT_SOURCES);
  });

  it("never overwrites an existing file and lists only what it created", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "subs.json"), "[]");
    await writeFile(join(dir, "_config.yml"), "title: mine\n");
    const result = await initMirror(dir);
    expect(result).toEqual({ ok: true, value: { created: ["_posts/", "newsmirror.yml", "allurls.dat"] } });
    expect(await readFile(join(dir, "subs.json"), "utf8")).toBe("[]");
    expect(await readFile(join(dir, "_config.yml"), "utf8")).toBe("title: mine\n");
    expect(await initMirror(dir)).toEqual({ ok: true, value: { created: [] } });
  });

  it("fails with sources.unwritable when the folder is a file", async () => {
    const file = join(await tempDir(), "file");
    await writeFile(file, "x");
    const result = await initMirror(file);
    expect(result.ok ? null : result.failure.code).toBe("sources.unwritable");
    expect(result.ok ? "" : result.failure.message).toContain(file);
  });
});
