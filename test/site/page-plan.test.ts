// Tests src/site/page-plan.ts: the pages planned for a set of posts, as data.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSiteConfig, type SiteConfig } from "../../src/site/config.js";
import { placePosts, planPages, sourceKeys, SITEMAP_LIMIT, type PlannedPage } from "../../src/site/page-plan.js";
import type { PostSummary } from "../../src/site/post-record.js";

function config(text = ""): SiteConfig {
  const parsed = parseSiteConfig(text);
  if (!parsed.ok) throw new Error(parsed.failure.message);
  return parsed.value;
}

const HOUR = 3_600_000;

function post(i: number, site = "cna", overrides: Partial<PostSummary> = {}): PostSummary {
  const time = Date.UTC(2024, 0, 1) + i * HOUR;
  const day = new Date(time + 8 * HOUR).toISOString().slice(0, 10);
  return {
    fileName: `${day}-p${i}.md`, size: 1, mtimeMs: 1, title: `Post ${i}`, time, author: site, site, from: `https://news.example/${i}`,
    comments: true, categories: [site], lang: "", hash: `h${i}`, url: `/${day}/p${i}/`, path: `${day}/p${i}/index.html`, day, ...overrides,
  };
}

const options = { siteHash: "s", assets: [] };

function byPath(pages: PlannedPage[]): Map<string, PlannedPage> {
  return new Map(pages.map((p) => [p.path, p]));
}

describe("list pages are numbered from the oldest post", () => {
  const posts = Array.from({ length: 125 }, (_, i) => post(i));
  const plan = planPages(posts, config("paginate: 50\n"), options);
  const pages = byPath(plan.pages);

  it.each([
    ["the front page shows the newest 50, newest first", "index.html", 124, 75],
    ["page 1 holds the 50 oldest", "page/1/index.html", 49, 0],
    ["page 3 holds the 25 newest, not yet full", "page/3/index.html", 124, 100],
  ])("%s", (_reason, path, newest, oldest) => {
    const page = pages.get(path);
    expect(page?.kind).toBe("list");
    if (page?.kind !== "list") return;
    expect(plan.posts[page.posts[0]!]!.title).toBe(`Post ${newest}`);
    expect(plan.posts[page.posts[page.posts.length - 1]!]!.title).toBe(`Post ${oldest}`);
  });

  it("links the front page to the page holding the 51st newest post, and pages to their neighbours", () => {
    const front = pages.get("index.html");
    const last = pages.get("page/3/index.html");
    const first = pages.get("page/1/index.html");
    expect(front?.kind === "list" && front.older?.path).toBe("page/2/index.html");
    expect(last?.kind === "list" && last.newer?.path).toBe("index.html");
    expect(first?.kind === "list" && first.older).toBe(null);
  });

  it("leaves a full page's inputs unchanged when new posts arrive", () => {
    const more = planPages([...posts, post(125), post(126)], config("paginate: 50\n"), options);
    const after = byPath(more.pages);
    expect(after.get("page/1/index.html")!.inputs).toBe(pages.get("page/1/index.html")!.inputs);
    expect(after.get("page/2/index.html")!.inputs).toBe(pages.get("page/2/index.html")!.inputs);
    expect(after.get("page/3/index.html")!.inputs).not.toBe(pages.get("page/3/index.html")!.inputs);
    expect(after.get("index.html")!.inputs).not.toBe(pages.get("index.html")!.inputs);
  });
});

describe("posts, sources and their neighbours", () => {
  const posts = [post(0, "cna"), post(1, "bbc"), post(2, "cna"), post(3, "cna"), post(4, "bbc")];
  const plan = planPages(posts, config(), options);
  const postPages = plan.pages.filter((p): p is Extract<PlannedPage, { kind: "post" }> => p.kind === "post");

  it("gives previous/next within the same source only", () => {
    const middle = postPages.find((p) => plan.posts[p.post]!.title === "Post 2")!;
    expect(plan.posts[middle.prev!]!.title).toBe("Post 0");
    expect(plan.posts[middle.next!]!.title).toBe("Post 3");
    const firstBbc = postPages.find((p) => plan.posts[p.post]!.title === "Post 1")!;
    expect(firstBbc.prev).toBe(null);
    expect(plan.posts[firstBbc.next!]!.title).toBe("Post 4");
  });

  it("counts posts per source with the last update, newest source first", () => {
    expect(plan.sources.map((s) => [s.name, s.count, s.last])).toEqual([
      ["bbc", 2, posts[4]!.time],
      ["cna", 3, posts[3]!.time],
    ]);
  });

  it("plans a page set and three feeds per source, and site-wide feeds", () => {
    const paths = new Set(plan.pages.map((p) => p.path));
    for (const path of ["source/cna/index.html", "source/cna/page/1/index.html", "source/cna/feed.xml", "source/cna/rss.xml", "source/cna/feed.json", "feed.xml", "rss.xml", "feed.json", "sources/index.html", "404.html", "robots.txt", "sitemap.xml", "search/index.html"]) {
      expect(paths.has(path), path).toBe(true);
    }
  });

  it("changes a neighbour's inputs when a post is added next to it, and no other post's", () => {
    const more = planPages([...posts, post(5, "cna")], config(), options);
    const before = byPath(plan.pages);
    const changed = more.pages.filter((p) => p.kind === "post" && before.get(p.path)?.inputs !== p.inputs).map((p) => p.path);
    expect(changed.sort()).toEqual([post(3).path, post(5).path].sort());
  });
});

describe("the archive by year, month and day in the site's zone", () => {
  it("groups by the day key and links days to their neighbours", () => {
    const posts = [post(0), post(1), post(30), post(60)];
    const plan = planPages(posts, config(), options);
    const pages = byPath(plan.pages);
    const days = [...new Set(posts.map((p) => p.day))];
    const firstDay = pages.get(`archive/${days[0]!.replaceAll("-", "/")}/index.html`);
    expect(firstDay?.kind === "archive" && firstDay.posts.length).toBe(2);
    expect(firstDay?.kind === "archive" && firstDay.newer?.path).toBe(`archive/${days[1]!.replaceAll("-", "/")}/index.html`);
    const year = pages.get("archive/2024/index.html");
    expect(year?.kind === "archive" && year.entries).toEqual([{ label: "2024-01", path: "archive/2024/01/index.html", count: 4 }]);
    const all = pages.get("archive/index.html");
    expect(all?.kind === "archive" && all.entries).toEqual([{ label: "2024", path: "archive/2024/index.html", count: 4 }]);
  });
});

describe("placing posts", () => {
  it.each([
    ["a clash keeps both: the later post gets -2", [post(0), post(1, "cna", { path: post(0).path, url: post(0).url })], ["2024-01-01/p0/index.html", "2024-01-01/p0-2/index.html"]],
    ["a .html permalink gets the suffix before .html", [post(0, "cna", { path: "a.html", url: "/a.html" }), post(1, "cna", { path: "a.html", url: "/a.html" })], ["a.html", "a-2.html"]],
    ["a permalink onto the site's own pages is moved aside", [post(0, "cna", { path: "sources/index.html", url: "/sources/" })], ["sources-2/index.html"]],
  ])("%s", (_reason, posts, paths) => {
    expect(placePosts(posts).map((p) => p.path)).toEqual(paths);
  });

  it("orders by time, then file name, whatever the input order", () => {
    const posts = [post(2), post(0), post(1, "cna", { time: post(0).time, fileName: "0000.md" })];
    expect(placePosts(posts).map((p) => p.title)).toEqual(["Post 1", "Post 0", "Post 2"]);
  });
});

describe("source folder names", () => {
  it.each([
    ["Jekyll pretty slug, lower-cased", ["(臺)中央社CNA"], ["(臺)中央社cna"]],
    ["a name with no slug gets a hash", ["？？"], [expect.stringMatching(/^[0-9a-z_-]{6}$/)]],
    ["two names with one slug: the second gets a hash", ["A B", "a-b"], ["a-b", expect.stringMatching(/^a-b-[0-9a-z_-]{6}$/)]],
  ])("%s", (_reason, names, keys) => {
    const map = sourceKeys(names);
    expect(names.map((n) => map.get(n))).toEqual(keys);
  });
});

describe("the sitemap", () => {
  it("splits past the protocol's 50,000 URLs into parts and an index", () => {
    const posts = Array.from({ length: SITEMAP_LIMIT + 10 }, (_, i) => post(i, "s", { path: `p/${i}/index.html`, url: `/p/${i}/`, day: "2024-01-01" }));
    const plan = planPages(posts, config("paginate: 1000\n"), options);
    const maps = plan.pages.filter((p) => p.kind === "sitemap" || p.kind === "sitemap-index");
    expect(maps.map((p) => p.path)).toEqual(["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
    const first = maps[0]!;
    expect(first.kind === "sitemap" && first.urls.length).toBe(SITEMAP_LIMIT);
  });
});

describe("post pages keep their recorded inputs only when nothing they show changed", () => {
  // Random histories of arrivals, edits (title, date), deletions and permalink clashes: a plan that reuses the
  // last build's inputs must give every page the inputs a plan from scratch gives.
  const change = fc.record({
    kind: fc.constantFrom("add", "edit-title", "edit-time", "delete", "clash", "clash-before"),
    at: fc.nat(),
    site: fc.constantFrom("cna", "bbc", "voa"),
  });
  it("equals a plan from scratch after any changes", () => {
    // Posts five hours apart span a week of archive days; sitemap parts of 7 URLs make the first ones reusable.
    const options = { siteHash: "s", assets: [], sitemapLimit: 7 };
    const spread = (i: number, site: string): PostSummary => post(i * 5, site);
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 12 }), (changes) => {
        let posts = Array.from({ length: 30 }, (_, i) => spread(i, ["cna", "bbc", "voa"][i % 3]!));
        // Two posts that already share a permalink: the later one was moved aside to "-2".
        posts.push({ ...spread(31, "bbc"), path: posts[4]!.path, url: posts[4]!.url });
        const cfg = config("paginate: 5\n");
        const first = planPages(posts, cfg, options);
        const previous = { siteHash: options.siteHash, posts: new Map(posts.map((p) => [p.fileName, p])), pages: new Map(first.pages.map((p) => [p.path, p.inputs])), movedAside: first.movedAside };
        let serial = 100;
        for (const c of changes) {
          const at = c.at % posts.length;
          if (c.kind === "add") posts = [...posts, spread(serial++, c.site)];
          else if (c.kind === "edit-title") posts = posts.map((p, i) => (i === at ? { ...p, title: `${p.title} (更正)`, hash: `${p.hash}x` } : p));
          else if (c.kind === "edit-time") posts = posts.map((p, i) => (i === at ? { ...p, time: p.time + 7 * HOUR, hash: `${p.hash}t` } : p));
          else if (c.kind === "delete" && posts.length > 2) posts = posts.filter((_, i) => i !== at);
          else if (c.kind === "clash") posts = [...posts, { ...spread(serial++, c.site), path: posts[at]!.path, url: posts[at]!.url }];
          // An earlier post on the same permalink takes it: the posts already there move along ("-2" to "-3").
          else if (c.kind === "clash-before") posts = [...posts, { ...spread(serial++, c.site), path: posts[at]!.path, url: posts[at]!.url, time: posts[at]!.time - 1, day: posts[at]!.day }];
        }
        // Stories before and after: pairs of posts picked by the changes, linked both ways.
        const storiesOf = (list: PostSummary[], salt: number): Map<string, string[]> => {
          const map = new Map<string, string[]>();
          changes.forEach((c, k) => {
            const a = list[(c.at + salt) % list.length]!.fileName;
            const b = list[(c.at + salt + k + 1) % list.length]!.fileName;
            if (a === b || map.has(a) || map.has(b)) return;
            map.set(a, [b]);
            map.set(b, [a]);
          });
          return map;
        };
        const before = storiesOf([...previous.posts.values()], 1);
        const firstWithStories = planPages([...previous.posts.values()], cfg, { ...options, stories: before });
        const after = storiesOf(posts, 2);
        const storied = new Set([...before.keys(), ...after.keys()]);
        const withStories = { ...previous, pages: new Map(firstWithStories.pages.map((p) => [p.path, p.inputs])), storied };
        expect(planPages(posts, cfg, { ...options, previous: withStories, stories: after }).pages.map((p) => [p.path, p.inputs]))
          .toEqual(planPages(posts, cfg, { ...options, stories: after }).pages.map((p) => [p.path, p.inputs]));
        const reused = planPages(posts, cfg, { ...options, previous });
        const scratch = planPages(posts, cfg, options);
        expect(reused.pages.map((p) => [p.path, p.inputs])).toEqual(scratch.pages.map((p) => [p.path, p.inputs]));
      }),
      { numRuns: 500 },
    );
  });

  it("reuses the inputs of pages nothing touched", () => {
    const posts = Array.from({ length: 30 }, (_, i) => post(i, ["cna", "bbc", "voa"][i % 3]!));
    const first = planPages(posts, config(), options);
    const previous = { siteHash: "s", posts: new Map(posts.map((p) => [p.fileName, p])), pages: new Map(first.pages.map((p) => [p.path, `recorded ${p.path}`])) };
    const next = planPages([...posts, post(30, "cna")], config(), { ...options, previous });
    const byPage = byPath(next.pages);
    expect(byPage.get(posts[0]!.path)!.inputs).toBe(`recorded ${posts[0]!.path}`);
    // The newest CNA post before the new one gets a "next" link: planned again.
    expect(byPage.get(posts[27]!.path)!.inputs).not.toBe(`recorded ${posts[27]!.path}`);
  });

  it("reuses pages after a post moved aside from a clashing permalink, which is a new object in every plan", () => {
    const posts = Array.from({ length: 30 }, (_, i) => post(i, ["cna", "bbc", "voa"][i % 3]!));
    posts.push({ ...post(40, "cna"), path: posts[2]!.path, url: posts[2]!.url, time: posts[2]!.time + 1 });
    const first = planPages(posts, config("paginate: 5\n"), options);
    expect([...first.movedAside.values()]).toEqual([posts[2]!.path.replace("/index.html", "-2/index.html")]);
    const previous = { siteHash: "s", posts: new Map(posts.map((p) => [p.fileName, p])), pages: new Map(first.pages.map((p) => [p.path, `recorded ${p.path}`])), movedAside: first.movedAside };
    const byPage = byPath(planPages([...posts, post(30, "bbc")], config("paginate: 5\n"), { ...options, previous }).pages);
    // List page 3 (posts 10 to 14) lies after the moved post: reused only if that post does not count as changed.
    for (const path of [posts[10]!.path, first.movedAside.values().next().value!, "page/3/index.html"]) expect(byPage.get(path)!.inputs).toBe(`recorded ${path}`);
  });
});
