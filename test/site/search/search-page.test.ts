import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSearchIndex, readerAssets } from "../../../src/site/search/index.js";
import { openPage, until } from "./browser-harness.js";
import { corpusDocs, goldenDoc } from "./corpus-docs.js";
import { memoryOutput, type MemoryOutput } from "./memory-output.js";

const asset = (name: string): string => readerAssets().find((a) => a.name === name)?.from ?? "";
// The search page as the theme lays it out: form, status, results; the index files beside the page.
const PAGE = `<!doctype html><html><head></head><body>
<form id="search-form" action="index.html" method="get"><input id="search-input" name="q">
<select id="search-source" name="source"><option value="">all</option></select>
<input id="search-from" name="from" type="date"><input id="search-to" name="to" type="date"></form>
<p id="search-status"></p><ol id="search-results"></ol></body></html>`;

let index: MemoryOutput;
beforeAll(async () => {
  index = memoryOutput();
  const dir = await mkdtemp(join(tmpdir(), "newsmirror-page-"));
  const r = await buildSearchIndex([...corpusDocs(40), goldenDoc()], index, { stateDir: dir });
  await rm(dir, { recursive: true, force: true });
  if (!r.ok) throw new Error(r.failure.message);
});

function open(search: string) {
  const page = openPage(PAGE, search, (src) => index.files.get(src.replace(/^\.\//, "")) ?? null);
  page.run(asset("search-engine.js"));
  page.run(asset("search.js"));
  return page;
}

describe("search.js", () => {
  it("takes the query from the URL, loads index scripts by <script> tags, and lists hits with marks", async () => {
    const page = open("?q=%E8%A9%90%E9%A8%99");
    const list = page.document.getElementById("search-results");
    await until(() => (list?.children.length ?? 0) > 0);
    const first = list?.querySelector("li a");
    expect(decodeURI(first?.getAttribute("href") ?? "")).toBe(decodeURI("../" + goldenDoc().url));
    expect(list?.querySelector("mark")?.textContent).toBe("詐騙");
    expect((page.document.getElementById("search-input") as HTMLInputElement).value).toBe("詐騙");
    expect(page.loaded[0]).toBe("./manifest.js");
    expect(page.loaded.every((src) => src.startsWith("./") && src.endsWith(".js"))).toBe(true);
    expect(page.document.getElementById("search-status")?.textContent).toMatch(/^共 \d+ 篇，顯示第 1–\d+ 篇。$/);
  });

  it("fills the source list from the index and keeps the chosen source selected", async () => {
    const page = open("?q=%E8%A9%90%E9%A8%99&source=" + encodeURIComponent(goldenDoc().source));
    await until(() => (page.document.getElementById("search-results")?.children.length ?? 0) > 0);
    const select = page.document.getElementById("search-source") as HTMLSelectElement;
    expect(select.options.length).toBeGreaterThan(2);
    expect(Array.from(select.options).find((o) => o.selected)?.value).toBe(goldenDoc().source);
  });

  it("says so when the index cannot be loaded", async () => {
    const page = openPage(PAGE, "?q=x", () => null);
    page.run(asset("search-engine.js"));
    page.run(asset("search.js"));
    const status = page.document.getElementById("search-status");
    await until(() => (status?.textContent ?? "").includes("search/manifest.js"));
  });

  it("does nothing without a query but still offers the sources", async () => {
    const page = open("");
    const select = page.document.getElementById("search-source") as HTMLSelectElement;
    await until(() => select.options.length > 1);
    expect(page.loaded).toEqual(["./manifest.js"]);
  });

  it("lives in the theme's assets", () => {
    expect(asset("search.js")).toBe(fileURLToPath(new URL("../../../theme/assets/search.js", import.meta.url)));
  });
});
