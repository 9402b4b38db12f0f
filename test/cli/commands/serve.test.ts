// Tests src/cli/commands/serve.ts: serves the built site on 127.0.0.1 and rebuilds when a post arrives.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import command from "../../../src/cli/commands/serve.js";
import { EXIT, type Io } from "../../../src/cli/io.js";

const dir = mkdtempSync(join(tmpdir(), "newsmirror-serve-cmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const post = (slug: string, day: string) =>
  `---\nlayout: post\ntitle: "${slug}"\ndate: ${day}T00:00:00.000Z\nauthor: s\nfrom: https://x.example/${slug}\ntags: [ s ]\ncomments: True\ncategories: [ s ]\n---\n<div>\n<p>${slug}</p>\n</div>\n`;

async function until<T>(probe: () => Promise<T | null>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("newsmirror serve", () => {
  it("serves the site and rebuilds on a new post, then stops on abort", async () => {
    mkdirSync(join(dir, "_posts"));
    writeFileSync(join(dir, "_posts", "2024-01-01-first.md"), post("first", "2024-01-01"));
    const controller = new AbortController();
    const out: string[] = [];
    const io: Io = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), isTTY: false, env: {}, cwd: dir, signal: controller.signal };
    const running = command.run(["--port", "0"], io);
    const base = await until(async () => /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(out.join(""))?.[1] ?? null);
    expect(await (await fetch(`${base}/2024-01-01/first/`)).text()).toContain("<h1>first</h1>");
    writeFileSync(join(dir, "_posts", "2024-01-02-second.md"), post("second", "2024-01-02"));
    const page = await until(async () => {
      const response = await fetch(`${base}/2024-01-02/second/`);
      return response.status === 200 ? response.text() : null;
    });
    expect(page).toContain("<h1>second</h1>");
    controller.abort();
    expect(await running).toBe(EXIT.ok);
  }, 30_000);

  it("rejects a port that is not a number", async () => {
    const err: string[] = [];
    const io: Io = { stdout: () => undefined, stderr: (t) => err.push(t), isTTY: false, env: {}, cwd: dir };
    expect(await command.run(["--port", "http"], io)).toBe(EXIT.usage);
    expect(err.join("")).toMatch(/--port must be a number/);
  });
});
