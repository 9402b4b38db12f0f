// Tests of atomic-write.ts: the file is replaced whole and no temp file is left behind.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeFileAtomically } from "../../src/sources/atomic-write.js";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "newsmirror-atomic-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("writeFileAtomically", () => {
  it("replaces the file and leaves only it in the folder", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "subs.json"), "old");
    await writeFileAtomically(join(dir, "subs.json"), "new");
    expect(await readFile(join(dir, "subs.json"), "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["subs.json"]);
  });

  it("throws (a caller turns it into a failure) and cleans up when the target cannot be replaced", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "subs.json"));
    await writeFile(join(dir, "subs.json", "inside"), "x");
    await expect(writeFileAtomically(join(dir, "subs.json"), "new")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["subs.json"]);
  });
});
