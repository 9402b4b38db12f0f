// The per-site body selectors: a sound table, host lookup, and every host proved by a corpus page.
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/content/extract-article.js";
import { checkExtractionRules, extractionRuleFor, extractionRuleHosts, type ExtractionRule } from "../../src/content/extract-rules.js";
import { scoreText } from "../../src/content/extract-score.js";
import { readArticleCorpus } from "./article-corpus.js";

describe("checkExtractionRules", () => {
  it("finds nothing wrong with the built-in table", () => {
    // The module also refuses to load with a bad table; this names the problem.
    expect(checkExtractionRules(extractionRuleHosts().map((host) => [host, extractionRuleFor(`https://${host}/`)!]))).toEqual([]);
  });

  it.each<[string, Array<[string, ExtractionRule]>, RegExp]>([
    ["unsorted hosts", [["b.example", { body: "p" }], ["a.example", { body: "p" }]], /must be sorted/],
    ["repeated hosts", [["a.example", { body: "p" }], ["a.example", { body: "p" }]], /must be sorted/],
    ["upper-case hosts", [["A.example", { body: "p" }]], /not a lower-case host/],
    ["a body selector that does not parse", [["a.example", { body: "div[" }]], /selector "div\[" does not parse/],
    ["a remove selector that does not parse", [["a.example", { body: "p", remove: ["a >> b"] }]], /does not parse/],
    ["a title selector that does not parse", [["a.example", { body: "p", title: "h1(" }]], /does not parse/],
  ])("reports %s", (_reason, table, problem) => {
    expect(checkExtractionRules(table).join("; ")).toMatch(problem);
  });
});

describe("extractionRuleFor", () => {
  it.each([
    ["the host itself", "https://cna.com.tw/news/1", true],
    ["a subdomain uses its parent's rule", "https://www.cna.com.tw/news/aipl/1.aspx", true],
    ["a host that merely ends with the same letters does not", "https://notcna.com.tw/x", false],
    ["an unknown host has none", "https://news.example/x", false],
    ["a malformed address has none", "::", false],
  ])("%s", (_reason, url, found) => {
    expect(extractionRuleFor(url) !== null).toBe(found);
  });
});

// Each host's corpus page, and what its rule fixes there: with the rule the check passes; the same
// page under a host without a rule (Readability alone) fails it.
const corpus = readArticleCorpus(["twnews", "gne"]);
const sina2 = corpus.find((c) => c.suite === "gne" && c.name === "sina_2")!;
const PROOFS: Array<[string, string, (e: { text: string; title: string | null }) => boolean]> = [
  ["cna.com.tw", "twnews/cna", (e) => e.text.includes("桃園市平鎮區一家輪胎行") && !e.text.includes("您所瀏覽的新聞已過查詢時效")],
  ["setn.com", "twnews/setn", (e) => (e.title ?? "").includes("男子送醫搶救不治") && e.text.includes("新北市新店區中正路")],
  ["sina.com.cn", "gne/sina_2", (e) => scoreText(e.text, sina2.expectedText!).f1 > 0.95 && !e.text.includes("十大经济年度人物评选")],
];

describe("every host in the table is proved by a corpus page", () => {
  it("each host has a proof below", () => {
    expect(extractionRuleHosts().sort()).toEqual(PROOFS.map(([host]) => host).sort());
  });

  it.each(PROOFS)("%s (%s): the rule is used and fixes what Readability alone misses", (host, key, check) => {
    const page = corpus.find((c) => `${c.suite}/${c.name}` === key)!;
    expect(new URL(page.url).hostname.endsWith(host)).toBe(true);
    const withRule = extractArticle({ url: page.url, html: page.html });
    expect(withRule.ok && withRule.value.method).toBe("site-rule");
    expect(withRule.ok && check(withRule.value)).toBe(true);
    const without = extractArticle({ url: "https://elsewhere.invalid/article", html: page.html });
    expect(without.ok && without.value.method).toBe("readability");
    expect(without.ok && check(without.value)).toBe(false);
  });
});
