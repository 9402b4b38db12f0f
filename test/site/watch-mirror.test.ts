// Tests src/site/watch-mirror.ts: one callback per burst of changes to a mirror's inputs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { watchMirror } from "../../src/site/watch-mirror.js";

const dir = mkdtempSync(join(tmpdir(), "newsmirror-watch-"));
mkdirSync(join(dir, "_posts"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("watchMirror", () => {
  it("calls back once after a burst of new posts, and not after it is stopped", async () => {
    let calls = 0;
    const stop = watchMirror(dir, () => calls++, 100);
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, "_posts", `2024-01-0${i + 1}-x.md`), "x");
    await new Promise((r) => setTimeout(r, 600));
    expect(calls).toBe(1);
    stop();
    writeFileSync(join(dir, "_posts", "2024-02-01-y.md"), "y");
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(1);
  });

  it("skips inputs the mirror does not have", () => {
    const stop = watchMirror(join(dir, "nothing-here"), () => undefined);
    stop();
  });
});
