// Tests src/site/output-dir.ts: writes inside the root, refuses everything else.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createOutputDir, resolveInside } from "../../src/site/output-dir.js";

const root = mkdtempSync(join(tmpdir(), "newsmirror-out-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("resolveInside", () => {
  it.each([
    ["parent folder", "../x"],
    ["parent in the middle", "a/../../x"],
    ["absolute path", "/etc/passwd"],
    ["Windows drive", "C:/x"],
    ["backslash parent", "a\\..\\..\\x"],
    ["NUL byte", "a\0b"],
    ["empty", ""],
  ])("refuses %s", (_reason, path) => {
    expect(resolveInside(root, path)).toBe(null);
  });

  it("accepts a nested site path", () => {
    expect(resolveInside(root, "2023-12-07/臺/index.html")).toBe(join(root, "2023-12-07/臺/index.html"));
  });
});

describe("createOutputDir", () => {
  const out = createOutputDir(root);

  it("writes, creating folders, and removes with the folders left empty", async () => {
    await out.write("a/b/index.html", "x");
    await out.write("a/c.html", "y");
    expect(readFileSync(join(root, "a/b/index.html"), "utf8")).toBe("x");
    await out.remove("a/b/index.html");
    expect(existsSync(join(root, "a/b"))).toBe(false);
    expect(existsSync(join(root, "a/c.html"))).toBe(true);
    await out.remove("missing/file.html");
  });

  it("leaves a file that holds the same bytes as it is, and rewrites one that differs, even at the same size", async () => {
    await out.write("same/index.html", "<p>一</p>");
    const file = join(root, "same/index.html");
    const old = new Date("2020-01-01T00:00:00Z");
    utimesSync(file, old, old);
    // A second OutputDir, as the next build: the folder exists, so the file is compared.
    const next = createOutputDir(root);
    await next.write("same/index.html", "<p>一</p>");
    expect(statSync(file).mtimeMs).toBe(old.getTime());
    await next.write("same/index.html", new TextEncoder().encode("<p>二</p>"));
    expect(readFileSync(file, "utf8")).toBe("<p>二</p>");
    expect(statSync(file).mtimeMs).not.toBe(old.getTime());
    await next.write("same/index.html", "<p>二二</p>");
    expect(readFileSync(file, "utf8")).toBe("<p>二二</p>");
  });

  it("writes a page given in parts as their bytes one after another, in a new folder and an old one", async () => {
    const parts = [Buffer.from("<p>"), new Uint8Array(0), Buffer.from("詐騙"), Buffer.from("</p>")];
    await out.write("parts/index.html", parts);
    expect(readFileSync(join(root, "parts/index.html"), "utf8")).toBe("<p>詐騙</p>");
    const file = join(root, "parts/index.html");
    const old = new Date("2020-01-01T00:00:00Z");
    utimesSync(file, old, old);
    const next = createOutputDir(root);
    await next.write("parts/index.html", parts);
    expect(statSync(file).mtimeMs).toBe(old.getTime());
    await next.write("parts/index.html", [Buffer.from("<p>"), Buffer.from("诈骗")]);
    expect(readFileSync(file, "utf8")).toBe("<p>诈骗");
  });

  it("reads a file back, and nothing where there is none", async () => {
    await out.write("back/index.html", "<p>回</p>");
    expect(out.read("back/index.html")?.toString()).toBe("<p>回</p>");
    expect(out.read("back/missing.html")).toBe(undefined);
    expect(() => out.read("../escape.html")).toThrow(/outside the output folder/);
  });

  it("copies a file in", async () => {
    const source = join(root, "..", `newsmirror-src-${process.pid}.css`);
    writeFileSync(source, "body{}");
    await out.copy("assets/style.css", source);
    rmSync(source);
    expect(readFileSync(join(root, "assets/style.css"), "utf8")).toBe("body{}");
  });

  it("throws (a bug in the plan) on a path outside the root, touching nothing", async () => {
    await expect(out.write("../escape.html", "x")).rejects.toThrow(/outside the output folder/);
    expect(existsSync(join(root, "..", "escape.html"))).toBe(false);
    await expect(out.remove("../../x")).rejects.toThrow(/outside/);
  });
});
