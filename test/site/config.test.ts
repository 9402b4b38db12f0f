// Tests src/site/config.ts: `_config.yml` to site settings, with clear failures.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSiteConfig, normalizeBaseUrl, parseSiteConfig } from "../../src/site/config.js";

describe("parseSiteConfig", () => {
  it("gives the old mirrors' permalink, Asia/Taipei for display, UTC for permalink days, 50 a page", () => {
    const parsed = parseSiteConfig("");
    expect(parsed.ok && parsed.value).toMatchObject({ permalink: "/:year-:month-:day/:title/", timezone: "Asia/Taipei", permalinkTimezone: "UTC", paginate: 50, comments: null, baseurl: "" });
  });

  it.each([
    ["a timezone sets display and permalink days (Jekyll converts dates to it)", "timezone: Europe/Berlin\n", { timezone: "Europe/Berlin", permalinkTimezone: "Europe/Berlin" }],
    ["baseurl gets one leading slash and no trailing one", "baseurl: news/\n", { baseurl: "/news" }],
    ["url loses its trailing slash", "url: https://m.example/\n", { url: "https://m.example" }],
    ["giscus settings", "giscus:\n  repo: a/b\n  repo_id: R\n  category: C\n  category_id: CI\n", { comments: { provider: "giscus", repo: "a/b", repoId: "R", category: "C", categoryId: "CI" } }],
    ["disqus shortname", "disqus:\n  shortname: my-mirror\n", { comments: { provider: "disqus", shortname: "my-mirror" } }],
    ["title and paginate", "title: 新聞鏡像\npaginate: 20\n", { title: "新聞鏡像", paginate: 20 }],
  ])("%s", (_reason, text, expected) => {
    const parsed = parseSiteConfig(text);
    expect(parsed.ok && parsed.value).toMatchObject(expected);
  });

  it.each([
    ["an unknown zone", "timezone: Mars/Base\n", /timezone "Mars\/Base" is not an IANA zone/],
    ["paginate that is not a whole number", "paginate: many\n", /paginate must be a whole number/],
    ["giscus without its ids", "giscus:\n  repo: a/b\n", /giscus needs repo, repo_id, category and category_id/],
    ["a disqus shortname with a slash", "disqus:\n  shortname: a/b\n", /disqus.shortname/],
    ["YAML that does not parse, with its line", "title: [unclosed\n", /_config.yml line \d: not valid YAML/],
    ["a list instead of settings", "- a\n- b\n", /expected settings/],
  ])("fails on %s", (_reason, text, message) => {
    const parsed = parseSiteConfig(text, "_config.yml");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.failure.code).toBe("site.config");
      expect(parsed.failure.message).toMatch(message);
    }
  });
});

describe("loadSiteConfig and normalizeBaseUrl", () => {
  it("reads DIR/_config.yml, and gives the defaults when there is none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsmirror-config-"));
    try {
      const none = await loadSiteConfig(dir);
      expect(none.ok && none.value.title).toBe("newsmirror");
      writeFileSync(join(dir, "_config.yml"), "title: Mine\n");
      const mine = await loadSiteConfig(dir);
      expect(mine.ok && mine.value.title).toBe("Mine");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([["", ""], ["/", ""], ["news", "/news"], ["/a/b/", "/a/b"]])("normalizeBaseUrl(%j) is %j", (input, output) => {
    expect(normalizeBaseUrl(input)).toBe(output);
  });
});

describe("hostile settings", () => {
  it("any text gives settings or a site.config failure, never a throw", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom("timezone: 1\n", "paginate: 0\n", "giscus: 1\n", "disqus: []\n", "title: [1, 2]\n", "baseurl: 12\n")), (text) => {
        const parsed = parseSiteConfig(text);
        if (!parsed.ok) expect(parsed.failure.code).toBe("site.config");
      }),
      { numRuns: 1000 },
    );
  });
});
