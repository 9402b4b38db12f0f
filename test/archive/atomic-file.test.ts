import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempNameFor, writeFileAtomically } from "../../src/archive/atomic-file.js";
import { useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

describe("writeFileAtomically", () => {
  it("replaces the file whole and leaves no temp file", async () => {
    const dir = tempDir();
    const path = join(dir, "state.json");
    writeFileSync(path, "old");
    expect((await writeFileAtomically(path, "new")).ok).toBe(true);
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  it("fails with archive.io naming the path when the target is a folder, and keeps it", async () => {
    const dir = tempDir();
    const path = join(dir, "taken");
    mkdirSync(path);
    const result = await writeFileAtomically(path, "x");
    expect(result.ok ? "ok" : result.failure.code).toBe("archive.io");
    expect(result.ok ? "" : result.failure.message).toContain(path);
    expect(readdirSync(dir)).toEqual(["taken"]);
  });
});

describe("tempNameFor", () => {
  it("is a dot file beside the target, different on each call", () => {
    const a = tempNameFor("/m/_posts/x.md");
    const b = tempNameFor("/m/_posts/x.md");
    expect(a).not.toBe(b);
    expect(a.startsWith("/m/_posts/.x.md.")).toBe(true);
  });
});
