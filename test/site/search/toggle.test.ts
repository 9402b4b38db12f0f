import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readerAssets } from "../../../src/site/search/index.js";
import { openPage, until } from "./browser-harness.js";

const asset = (name: string): string => readerAssets().find((a) => a.name === name)?.from ?? "";
const PAGE = `<!doctype html><html lang="zh-Hant"><head><title>臺灣新聞</title></head><body>
<header><button type="button" id="zh-toggle" hidden>简/繁</button></header>
<article><p>王毅會緬甸外長談電信詐騙</p><p>软件</p></article></body></html>`;

function open(storage?: Map<string, string>) {
  const page = openPage(PAGE, "", (src) => {
    const name = src.split("/").pop() ?? "";
    return name.startsWith("opencc-") ? readFileSync(asset(name), "utf8") : null;
  }, storage);
  page.run(asset("toggle.js"));
  return page;
}

describe("toggle.js", () => {
  it("loads no converter until asked", async () => {
    const page = open();
    await new Promise((r) => setTimeout(r, 20));
    expect(page.loaded).toEqual([]);
    expect(page.document.getElementById("zh-toggle")?.hidden).toBe(false);
  });

  it("cycles as written -> 简 -> 繁 -> as written, loading each converter once, and remembers the choice", async () => {
    const page = open();
    const button = page.document.getElementById("zh-toggle") as HTMLButtonElement;
    const first = (): string => page.document.querySelector("article p")?.textContent ?? "";
    button.click();
    await until(() => first() === "王毅会缅甸外长谈电信诈骗");
    expect(page.storage.get("newsmirror.zh")).toBe("s");
    expect(page.document.title).toBe("台湾新闻");
    expect(page.document.documentElement.getAttribute("lang")).toBe("zh-Hans");
    button.click();
    await until(() => page.document.querySelectorAll("article p")[1]?.textContent === "軟體");
    expect(first()).toBe("王毅會緬甸外長談電信詐騙");
    button.click();
    await until(() => page.document.querySelectorAll("article p")[1]?.textContent === "软件");
    expect(page.storage.has("newsmirror.zh")).toBe(false);
    expect(page.document.documentElement.getAttribute("lang")).toBe("zh-Hant");
    expect(page.loaded.map((s) => s.split("/").pop())).toEqual(["opencc-t2cn.js", "opencc-cn2t.js"]);
  });

  it("applies the remembered choice on the next page", async () => {
    const page = open(new Map([["newsmirror.zh", "s"]]));
    await until(() => page.document.querySelector("article p")?.textContent === "王毅会缅甸外长谈电信诈骗");
  });
});
