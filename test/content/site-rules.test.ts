// Tests for src/content/site-rules.ts: the table's checks, host lookup, and each host proved on real corpus posts.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cleanArticle } from "../../src/content/index.js";
import { parseFragment, serializeFragment } from "../../src/content/html-fragment.js";
import {
  SITE_RULES,
  applyRemoveRules,
  findSiteRuleProblems,
  rulesForHost,
  rulesForUrl,
  rulesFromOptions,
} from "../../src/content/site-rules.js";
import { sharedPath } from "../support/paths.js";

interface CorpusPost {
  file: string;
  link: string;
  host: string;
  html: string;
}

/**
 * The posts of shared/corpus/posts with their `from:` URL and body: the HTML between `<div>` and
 * `</div>` in the golden layout, everything after the front matter for the 30 posts of other scrapers.
 */
function readCorpusPosts(): CorpusPost[] {
  const folder = sharedPath("corpus/posts/");
  return readdirSync(folder).flatMap((file) => {
    const text = readFileSync(folder + file, "utf8");
    const link = /^from: (\S+)$/m.exec(text)?.[1];
    const start = text.indexOf("\n<div>\n");
    const end = text.lastIndexOf("\n</div>");
    const frontMatterEnd = text.indexOf("\n---\n", 4);
    const html = start >= 0 && end > start ? text.slice(start + 7, end) : text.slice(frontMatterEnd + 5);
    if (link === undefined || frontMatterEnd < 0) return [];
    try {
      return [{ file, link, host: new URL(link).hostname, html }];
    } catch {
      return [];
    }
  });
}

describe("the built-in table", () => {
  it("has no problems: sorted lowercase hosts, every selector parses", () => {
    expect(findSiteRuleProblems(SITE_RULES)).toEqual([]);
  });

  it.each([
    ["a selector typo is reported with host and selector", { "a.example": { remove: ["div["] } }, /"a.example" selector "div\[" does not parse/],
    ["unsorted hosts are reported", { "b.example": { remove: ["p"] }, "a.example": { remove: ["p"] } }, /"a.example" is out of order/],
    ["an upper-case host is reported", { "A.example": { remove: ["p"] } }, /"A.example" is not a lowercase host name/],
    ["a rule that removes nothing is reported", { "a.example": { remove: [] } }, /"a.example" removes nothing/],
  ])("%s", (_name, table, message) => {
    expect(findSiteRuleProblems(table).join("\n")).toMatch(message);
  });
});

describe("rulesForHost", () => {
  it.each([
    ["a host in the table gets its rules, named host + selector", "www.cna.com.tw", "www.cna.com.tw div.SubscriptionInner"],
    ["host names are case-insensitive", "WWW.RFA.ORG", "www.rfa.org #zoomattribute"],
    ["a trailing dot is the same host", "www.rfa.org.", "www.rfa.org #zoomattribute"],
  ])("%s", (_name, host, firstName) => {
    expect(rulesForHost(host)[0]?.name).toBe(firstName);
  });

  it.each([
    ["an unknown host has no rules", "news.example"],
    ["a different subdomain of a listed host has none", "m.cna.com.tw"],
    ["an empty host has none", ""],
  ])("%s", (_name, host) => {
    expect(rulesForHost(host)).toEqual([]);
  });

  it("rulesForUrl reads the host from the article URL and tolerates a bad URL", () => {
    expect(rulesForUrl("https://www.rfa.org/mandarin/x.html").map((rule) => rule.selector)).toEqual(["#zoomattribute"]);
    expect(rulesForUrl("not a url")).toEqual([]);
  });
});

describe("rulesFromOptions and applyRemoveRules", () => {
  it("separates selectors that do not parse", () => {
    expect(rulesFromOptions([".ad", "div[", ":no-such-pseudo", ""])).toEqual({
      rules: [{ name: "remove .ad", selector: ".ad" }],
      invalid: ["div[", ":no-such-pseudo", ""],
    });
  });

  it("removes every match and reports only rules that matched", () => {
    const container = parseFragment('<p>a</p><div class="ad">x</div><div class="ad">y</div>');
    const matched = applyRemoveRules(container, [
      { name: "remove .ad", selector: ".ad" },
      { name: "remove .none", selector: ".none" },
    ]);
    expect(matched).toEqual(["remove .ad"]);
    expect(serializeFragment(container)).toBe("<p>a</p>");
  });
});

describe("every host is proved by real posts of shared/corpus/posts", () => {
  const posts = readCorpusPosts();

  it.each(Object.keys(SITE_RULES))("%s: every selector matches in its posts and is gone from the clean output", (host) => {
    const ofHost = posts.filter((post) => post.host === host);
    expect(ofHost.length, `no corpus post comes from ${host}`).toBeGreaterThan(0);
    const matched = new Set<string>();
    const names = rulesForHost(host).map((rule) => rule.name);
    let checked = 0;
    for (const post of ofHost) {
      // Enough proof once every rule has matched and 20 posts were checked (keeps the suite fast).
      if (checked++ >= 20 && names.every((name) => matched.has(name))) break;
      const article = cleanArticle(
        { title: "t", link: post.link, guid: null, published: null, author: null, categories: [], html: post.html },
        { clean: true, remove: [] },
      );
      article.rulesMatched.forEach((name) => matched.add(name));
      // What a rule selects in the original is absent from the clean output.
      const original = parseFragment(post.html);
      for (const rule of rulesForHost(host)) {
        original.querySelectorAll(rule.selector).forEach((element) => {
          const text = (element.textContent ?? "").trim();
          if (text.length >= 4 && !post.html.replace(element.outerHTML, "").includes(text)) {
            expect(article.html, `${post.file}: ${rule.name}`).not.toContain(text);
          }
        });
      }
    }
    expect([...matched].sort()).toEqual([...names].sort());
  });

  it("CNA: the 延伸閱讀 block and the sign-up box leave a real post (2020-08-10 阿富汗同意釋放塔利班囚犯)", () => {
    const post = posts.find((p) => p.file.startsWith("2020-08-10-阿富汗同意釋放塔利班囚犯"));
    expect(post).toBeDefined();
    if (post === undefined) return;
    expect(post.html).toContain("延伸閱讀");
    const article = cleanArticle(
      { title: "t", link: post.link, guid: null, published: null, author: null, categories: [], html: post.html },
      { clean: true, remove: [] },
    );
    expect(article.rulesMatched).toEqual(expect.arrayContaining(["www.cna.com.tw div.SubscriptionInner", "www.cna.com.tw div.moreArticle"]));
    expect(article.html).not.toContain("延伸閱讀");
    expect(article.html).not.toContain("訂閱");
    expect(article.html).toContain("政府消息人士告訴路透社");
  });
});
