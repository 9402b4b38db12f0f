import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PostStore } from "../../src/archive/post-store.js";
import { useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

async function storeIn(dir: string): Promise<PostStore> {
  const store = new PostStore(dir, join(dir, ".newsmirror"));
  await store.ensureFolders();
  return store;
}

describe("PostStore", () => {
  it("stages, places without overwriting, makes durable and releases", async () => {
    const dir = tempDir();
    const store = await storeIn(dir);
    writeFileSync(join(dir, "_posts", "taken.md"), "someone else's");
    const staged = await store.stage("post text", "g");
    if (!staged.ok) throw new Error(staged.failure.message);
    expect(await store.place(staged.value, "taken.md")).toEqual({ ok: true, value: "taken" });
    expect(await store.place(staged.value, "free.md")).toEqual({ ok: true, value: "placed" });
    expect(readFileSync(join(dir, "_posts", "taken.md"), "utf8")).toBe("someone else's");
    expect((await store.makeDurable([staged.value])).ok).toBe(true);
    expect(readdirSync(join(dir, ".newsmirror", "incoming"))).toEqual([`${staged.value.id}.guid`, `${staged.value.id}.md`].sort());
    await store.release([staged.value]);
    expect(readdirSync(join(dir, ".newsmirror", "incoming"))).toEqual([]);
    expect(await store.list()).toEqual({ ok: true, value: ["free.md", "taken.md"] });
    expect(await store.read("free.md")).toEqual({ ok: true, value: "post text" });
    expect(await store.read("missing.md")).toEqual({ ok: true, value: null });
  });

  it("hands back complete staged posts with their guid and drops unfinished ones", async () => {
    const dir = tempDir();
    const store = await storeIn(dir);
    const staged = await store.stage("complete", "guid-1");
    if (!staged.ok) throw new Error(staged.failure.message);
    const incoming = join(dir, ".newsmirror", "incoming");
    writeFileSync(join(incoming, "cut.tmp"), "half");
    writeFileSync(join(incoming, "orphan.guid"), "guid of a post never staged");
    const left = await store.leftovers();
    expect(left.ok && left.value.map(({ text, guid }) => ({ text, guid }))).toEqual([{ text: "complete", guid: "guid-1" }]);
    expect(readdirSync(incoming).sort()).toEqual([`${staged.value.id}.guid`, `${staged.value.id}.md`]);
  });
});
