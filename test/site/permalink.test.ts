// Tests src/site/permalink.ts: Jekyll's post URLs, from a table derived from Jekyll's rules, and from jekyll itself when installed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  escapePath,
  jekyllSlugify,
  outputPathForUrl,
  postPermalink,
  sanitizeUrl,
  slugFromFileName,
  unknownPlaceholders,
} from "../../src/site/permalink.js";

const DEFAULT = "/:year-:month-:day/:title/";

/**
 * URLs for the old mirrors' `permalink: /:year-:month-:day/:title/`, worked out independently of this code
 * from Jekyll 4's rules: slug = file name after the date without trailing dots; `Utils.slugify(mode: "pretty",
 * cased: true)` keeps \p{M}\p{L}\p{Nd} and ._~!$&'()+,;=@ and turns every other run into "-"; `URL.escape_path`
 * percent-encodes what RFC 3986 pchar does not allow; `URL#sanitize_url` turns ".." into "/".
 */
const JEKYLL_URLS: Array<[string, string, string, string]> = [
    ["golden post: CJK kept, space to -, UTF-8 percent-encoded (Addressable PATH class)", "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md", "2023-12-07T03:12:00Z", "/2023-12-07/%E7%8E%8B%E6%AF%85%E6%9C%83%E7%B7%AC%E7%94%B8%E5%A4%96%E9%95%B7%E8%AB%87%E9%9B%BB%E4%BF%A1%E8%A9%90%E9%A8%99-%E4%B8%80%E5%90%8C%E8%A1%A8%E6%85%8B%E5%A0%85%E6%B1%BA%E6%89%93%E6%93%8A/"],
    ["case kept (:title is slugified with cased: true)", "2014-12-18-我为什么不做一个 TED 讲者.md", "2014-12-18T01:00:00Z", "/2014-12-18/%E6%88%91%E4%B8%BA%E4%BB%80%E4%B9%88%E4%B8%8D%E5%81%9A%E4%B8%80%E4%B8%AA-TED-%E8%AE%B2%E8%80%85/"],
    ["full-width ？, ? and | runs become one -; ' stays (RFC 3986 sub-delim)", "2020-09-05-为啥要内循环？内循环要干啥？要往哪里走?   | What is China's Neixunhua.md", "2020-09-05T10:00:00Z", "/2020-09-05/%E4%B8%BA%E5%95%A5%E8%A6%81%E5%86%85%E5%BE%AA%E7%8E%AF-%E5%86%85%E5%BE%AA%E7%8E%AF%E8%A6%81%E5%B9%B2%E5%95%A5-%E8%A6%81%E5%BE%80%E5%93%AA%E9%87%8C%E8%B5%B0-What-is-China's-Neixunhua/"],
    ["'..' inside a slug becomes / (URL#sanitize_url), so the URL gains a folder", "2020-09-18-看看找工作的眼..經濟內循環,是找工作難?還是招工難?看看珠海招聘市場讓你大跌眼鏡!.md", "2020-09-18T10:00:00Z", "/2020-09-18/%E7%9C%8B%E7%9C%8B%E6%89%BE%E5%B7%A5%E4%BD%9C%E7%9A%84%E7%9C%BC/%E7%B6%93%E6%BF%9F%E5%85%A7%E5%BE%AA%E7%92%B0,%E6%98%AF%E6%89%BE%E5%B7%A5%E4%BD%9C%E9%9B%A3-%E9%82%84%E6%98%AF%E6%8B%9B%E5%B7%A5%E9%9B%A3-%E7%9C%8B%E7%9C%8B%E7%8F%A0%E6%B5%B7%E6%8B%9B%E8%81%98%E5%B8%82%E5%A0%B4%E8%AE%93%E4%BD%A0%E5%A4%A7%E8%B7%8C%E7%9C%BC%E9%8F%A1!/"],
    ["& and ; stay, # becomes -, en dash becomes -", "2020-09-03-大&amp;#22338;直美直落二轻取乔琪 晋级美网第3轮 – 法国国际广播电台 - RFI.md", "2020-09-03T10:00:00Z", "/2020-09-03/%E5%A4%A7&amp;-22338;%E7%9B%B4%E7%BE%8E%E7%9B%B4%E8%90%BD%E4%BA%8C%E8%BD%BB%E5%8F%96%E4%B9%94%E7%90%AA-%E6%99%8B%E7%BA%A7%E7%BE%8E%E7%BD%91%E7%AC%AC3%E8%BD%AE-%E6%B3%95%E5%9B%BD%E5%9B%BD%E9%99%85%E5%B9%BF%E6%92%AD%E7%94%B5%E5%8F%B0-RFI/"],
    ["trailing dots of the slug are dropped (Document#populate_title)", "2020-01-01-Wait....md", "2020-01-01T10:00:00Z", "/2020-01-01/Wait/"],
    ["emoji become -, U+FE0F (a mark) stays and is escaped", "2020-09-01-颱風🌀美莎克瘋狂登錄廣東! 白天如黑夜???⛈️狂風暴雨.md", "2020-09-01T10:00:00Z", "/2020-09-01/%E9%A2%B1%E9%A2%A8-%E7%BE%8E%E8%8E%8E%E5%85%8B%E7%98%8B%E7%8B%82%E7%99%BB%E9%8C%84%E5%BB%A3%E6%9D%B1!-%E7%99%BD%E5%A4%A9%E5%A6%82%E9%BB%91%E5%A4%9C-%EF%B8%8F%E7%8B%82%E9%A2%A8%E6%9A%B4%E9%9B%A8/"],
    ["leading [ dropped, % becomes -", "2020-07-31-[財經] Q2經濟成長率概估-0.73% 創17季以來首度負成長.md", "2020-07-31T10:00:00Z", "/2020-07-31/%E8%B2%A1%E7%B6%93-Q2%E7%B6%93%E6%BF%9F%E6%88%90%E9%95%B7%E7%8E%87%E6%A6%82%E4%BC%B0-0.73-%E5%89%B517%E5%AD%A3%E4%BB%A5%E4%BE%86%E9%A6%96%E5%BA%A6%E8%B2%A0%E6%88%90%E9%95%B7/"],
    ["curly quotes and the ideographic space become -", "2014-09-25-“占中”周日公布详情　预料万人参与.md", "2014-09-25T10:00:00Z", "/2014-09-25/%E5%8D%A0%E4%B8%AD-%E5%91%A8%E6%97%A5%E5%85%AC%E5%B8%83%E8%AF%A6%E6%83%85-%E9%A2%84%E6%96%99%E4%B8%87%E4%BA%BA%E5%8F%82%E4%B8%8E/"],
    ["-- from the old script's / replacement collapses to one -", "2020-09-25-國內豬價降至17.75元--斤! 真的吗?大量美國豬肉來華.md", "2020-09-25T10:00:00Z", "/2020-09-25/%E5%9C%8B%E5%85%A7%E8%B1%AC%E5%83%B9%E9%99%8D%E8%87%B317.75%E5%85%83-%E6%96%A4!-%E7%9C%9F%E7%9A%84%E5%90%97-%E5%A4%A7%E9%87%8F%E7%BE%8E%E5%9C%8B%E8%B1%AC%E8%82%89%E4%BE%86%E8%8F%AF/"],
    ["circled digit ① (No, not Nd) becomes -", "2021-05-11-徐贲①：中国学者谈启蒙.md", "2021-05-11T10:00:00Z", "/2021-05-11/%E5%BE%90%E8%B4%B2-%E4%B8%AD%E5%9B%BD%E5%AD%A6%E8%80%85%E8%B0%88%E5%90%AF%E8%92%99/"],
    ["plain ASCII: spaces and ' - ' collapse to one -", "2009-12-08-Shanghai scams - Part 1 - Assisted Shopping.md", "2009-12-08T10:00:00Z", "/2009-12-08/Shanghai-scams-Part-1-Assisted-Shopping/"],
    ["ellipsis and full-width question mark become -", "2020-05-14-如果调查之初你只有一个电邮地址……可以怎么办？- 开源情报经验 - iYouPort.md", "2020-05-14T10:00:00Z", "/2020-05-14/%E5%A6%82%E6%9E%9C%E8%B0%83%E6%9F%A5%E4%B9%8B%E5%88%9D%E4%BD%A0%E5%8F%AA%E6%9C%89%E4%B8%80%E4%B8%AA%E7%94%B5%E9%82%AE%E5%9C%B0%E5%9D%80-%E5%8F%AF%E4%BB%A5%E6%80%8E%E4%B9%88%E5%8A%9E-%E5%BC%80%E6%BA%90%E6%83%85%E6%8A%A5%E7%BB%8F%E9%AA%8C-iYouPort/"],
    ["a leading space gives no leading -", "2022-02-02- leading space.md", "2022-02-02T10:00:00Z", "/2022-02-02/leading-space/"],
    ["accents kept and escaped; _ ~ @ stay", "2022-03-03-Café déjà vu_x~y@z.md", "2022-03-03T10:00:00Z", "/2022-03-03/Caf%C3%A9-d%C3%A9j%C3%A0-vu_x~y@z/"],
];

describe("postPermalink with the old mirrors' permalink", () => {
  it.each(JEKYLL_URLS)("%s", (_reason, fileName, date, expected) => {
    expect(postPermalink({ fileName, date: new Date(date), categories: [] }, DEFAULT, "UTC")).toBe(expected);
  });
});

describe("dates in permalinks follow the zone Jekyll would convert to", () => {
  it.each([
    ["UTC day, as the old mirrors built on UTC machines", "UTC", "/2023-12-06/a/"],
    ["Taipei day when the mirror sets timezone: Asia/Taipei", "Asia/Taipei", "/2023-12-07/a/"],
    ["New York day is still the 6th", "America/New_York", "/2023-12-06/a/"],
  ])("%s", (_reason, zone, expected) => {
    expect(postPermalink({ fileName: "2023-12-07-a.md", date: new Date("2023-12-06T20:00:00Z"), categories: [] }, DEFAULT, zone)).toBe(expected);
  });
});

describe("built-in styles and other placeholders", () => {
  const post = { fileName: "2023-12-07-Hello World.md", date: new Date("2023-12-07T03:04:05Z"), categories: ["(臺)中央社CNA", "News"] };
  it.each([
    ["date: categories lower-cased and joined by /, .html", "date", "/(%E8%87%BA)%E4%B8%AD%E5%A4%AE%E7%A4%BEcna/news/2023/12/07/Hello-World.html"],
    ["pretty: trailing slash", "pretty", "/(%E8%87%BA)%E4%B8%AD%E5%A4%AE%E7%A4%BEcna/news/2023/12/07/Hello-World/"],
    ["none: categories and title only", "none", "/(%E8%87%BA)%E4%B8%AD%E5%A4%AE%E7%A4%BEcna/news/Hello-World.html"],
    ["ordinal: day of the year, 3 digits", "ordinal", "/(%E8%87%BA)%E4%B8%AD%E5%A4%AE%E7%A4%BEcna/news/2023/341/Hello-World.html"],
    ["weekdate: ISO week and short day, upper-case", "weekdate", "/(%E8%87%BA)%E4%B8%AD%E5%A4%AE%E7%A4%BEcna/news/2023/W49/THU/Hello-World.html"],
    [":slug is the default-mode slug, lower-cased", "/:slug/", "/hello-world/"],
    [":i_month :i_day have no leading zero, :short_year two digits", "/:short_year/:i_month/:i_day/:title", "/23/12/7/Hello-World"],
    [":month_ is :month then a literal _ (URL#generate_url_from_drop)", "/:year/:month_:day/", "/2023/12_07/"],
    ["time placeholders in the zone", "/:hour:minute:second/", "/030405/"],
    [":long_month and :short_month", "/:long_month-:short_month/", "/December-DEC/"],
  ])("%s", (_reason, permalink, expected) => {
    expect(postPermalink(post, permalink, "UTC")).toBe(expected);
  });
});

describe("pieces of Jekyll's URL code", () => {
  it.each([
    ["date and extension split off", "2023-12-07-a b.md", "a b"],
    ["trailing dots dropped", "2020-01-01-x...md", "x"],
    ["one-digit month and day still match", "2020-1-2-x.markdown", "x"],
    ["only the last extension is the extension", "2020-01-01-a.b.md", "a.b"],
    ["no date: the whole base name", "about.md", "about"],
  ])("slugFromFileName: %s", (_reason, fileName, slug) => {
    expect(slugFromFileName(fileName)).toBe(slug);
  });

  it.each([
    ["pretty keeps ._~!$&'()+,;=@", "a._~!$&'()+,;=@b", "pretty", true, "a._~!$&'()+,;=@b"],
    ["pretty cased keeps capitals", "The _config.yml file", "pretty", true, "The-_config.yml-file"],
    ["pretty lower-cases when not cased", "The _config.yml file", "pretty", false, "the-_config.yml-file"],
    ["default keeps letters and digits only", "The _config.yml file", "default", false, "the-config-yml-file"],
    ["one leading and one trailing - removed", "  x  ", "pretty", true, "x"],
  ] as const)("jekyllSlugify: %s", (_reason, value, mode, cased, expected) => {
    expect(jekyllSlugify(value, mode, cased)).toBe(expected);
  });

  it.each([
    ["plain ASCII path untouched", "2023/12/a-b.html", "2023/12/a-b.html"],
    ["space and % escaped", "a b%", "a%20b%25"],
    ["? starts a query, kept", "a?b c", "a?b%20c"],
    ["# of a fragment becomes %23", "a#b", "a%23b"],
    ["UTF-8, upper-case hex", "臺", "%E8%87%BA"],
  ])("escapePath: %s", (_reason, value, expected) => {
    expect(escapePath(value)).toBe(expected);
  });

  it.each([
    ["leading slash added, runs squeezed", "a//b/", "/a/b/"],
    [".. becomes /", "a..b/", "/a/b/"],
    ["./ dropped", "./a/./b", "/a/b"],
    ["... leaves ./ which is dropped", "a.../b", "/a/b"],
  ])("sanitizeUrl: %s", (_reason, value, expected) => {
    expect(sanitizeUrl(value)).toBe(expected);
  });

  it.each([
    ["trailing slash: index.html, unescaped", "/2023-12-07/%E8%87%BA/", "2023-12-07/臺/index.html"],
    ["no extension gets .html (Document#destination)", "/a/b", "a/b.html"],
    [".html kept", "/a/b.html", "a/b.html"],
    ["root", "/", "index.html"],
  ])("outputPathForUrl: %s", (_reason, url, path) => {
    expect(outputPathForUrl(url)).toBe(path);
  });

  it("reports placeholders Jekyll does not know", () => {
    expect(unknownPlaceholders("/:year/:nonsense/:title/")).toEqual(["nonsense"]);
    expect(unknownPlaceholders("pretty")).toEqual([]);
  });
});

function listHtml(root: string, dir = root): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listHtml(root, full));
    else if (name.endsWith(".html")) files.push(relative(root, full).split("\\").join("/"));
  }
  return files;
}

// Debian's jekyll package, when present: build a small mirror and compare where it wrote each post.
describe.runIf(existsSync("/usr/bin/jekyll"))("against /usr/bin/jekyll", () => {
  it("writes every table post where postPermalink says", () => {
    const dir = mkdtempSync(join(tmpdir(), "newsmirror-jekyll-"));
    try {
      mkdirSync(join(dir, "_posts"));
      writeFileSync(join(dir, "_config.yml"), `permalink: ${DEFAULT}\ntimezone: UTC\n`);
      for (const [, fileName, date] of JEKYLL_URLS) {
        writeFileSync(join(dir, "_posts", fileName), `---\ntitle: t\ndate: ${date}\n---\nx\n`);
      }
      execFileSync("/usr/bin/jekyll", ["build", "--safe", "-s", dir, "-d", join(dir, "_site")], { stdio: "ignore", timeout: 60_000 });
      const expected = JEKYLL_URLS.map(([, fileName, date]) => outputPathForUrl(postPermalink({ fileName, date: new Date(date), categories: [] }, DEFAULT, "UTC")));
      expect(listHtml(join(dir, "_site")).sort()).toEqual(expected.sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("hostile file names and templates", () => {
  it("always give a URL starting with / and an output file inside the site", async () => {
    const fc = (await import("fast-check")).default;
    const { resolveInside } = await import("../../src/site/output-dir.js");
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 80 }),
        fc.integer({ min: -8.64e15, max: 8.64e15 }),
        fc.constantFrom(DEFAULT, "pretty", "date", "none", "/:categories/:title", "/../:title/../", ":title"),
        fc.array(fc.string({ unit: "binary", maxLength: 10 }), { maxLength: 3 }),
        (name, epoch, permalink, categories) => {
          const url = postPermalink({ fileName: `2020-01-01-${name}.md`, date: new Date(epoch), categories }, permalink, "Asia/Taipei");
          expect(url.startsWith("/")).toBe(true);
          const path = outputPathForUrl(url);
          if (path !== "index.html") expect(resolveInside("/site", path)).not.toBe(null);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
