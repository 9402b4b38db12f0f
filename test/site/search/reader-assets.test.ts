import { readFileSync, statSync } from "node:fs";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { readerAssets } from "../../../src/site/search/index.js";

const assets = readerAssets();

describe("readerAssets", () => {
  it("lists the search and toggle scripts and both OpenCC converters", () => {
    expect(assets.map((a) => a.name).sort()).toEqual(["opencc-cn2t.js", "opencc-t2cn.js", "search-engine.js", "search.js", "toggle.js"]);
  });

  it.each(assets.map((a) => [a.name, a.from]))("%s exists and parses as a classic script (loads by <script> on file://)", (_, from) => {
    expect(statSync(from).size).toBeGreaterThan(1000);
    expect(() => new Script(readFileSync(from, "utf8"), { filename: from })).not.toThrow();
  });

  it.each(assets.map((a) => [a.name, a.from]))("%s needs no eval under CSP script-src 'self'", (_, from) => {
    const code = readFileSync(from, "utf8");
    expect(code).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*["']/);
  });

  it.each(["search.js", "toggle.js"])("%s never writes HTML from data (textContent only)", (name) => {
    const asset = assets.find((a) => a.name === name);
    expect(readFileSync(asset?.from ?? "", "utf8")).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
