// Tests src/site/render-job.ts: a post page as a job renders exactly as it does from the full plan.
import { describe, expect, it } from "vitest";
import { parseSiteConfig } from "../../src/site/config.js";
import { planPages, type PlannedPage } from "../../src/site/page-plan.js";
import type { PostSummary } from "../../src/site/post-record.js";
import { miniPlanOf, postJobOf } from "../../src/site/render-job.js";
import { renderPage, type RenderContext } from "../../src/site/render-page.js";
import { loadTheme } from "../../src/site/theme.js";

const post = (i: number, site: string): PostSummary => ({
  fileName: `2024-01-0${i}-p.md`, size: 1, mtimeMs: 1, title: `P${i}`, time: Date.UTC(2024, 0, i), author: site, site, from: `https://x.example/${i}`,
  comments: true, categories: [], lang: "", hash: `h${i}`, url: `/2024-01-0${i}/p/`, path: `2024-01-0${i}/p/index.html`, day: `2024-01-0${i}`,
});

describe("postJobOf and miniPlanOf", () => {
  it.each([
    ["a post with both neighbours", 3],
    ["the first post of its source", 1],
    ["the last post of its source", 5],
  ])("%s renders the same bytes from its job", async (_reason, n) => {
    const config = parseSiteConfig("");
    const theme = await loadTheme("/nonexistent-mirror");
    if (!config.ok || !theme.ok) throw new Error("setup");
    const posts = [post(1, "a"), post(2, "b"), post(3, "a"), post(4, "b"), post(5, "a")];
    // Post 3 carries the same story as post 2 (another source): its page links it, from the job too.
    const stories = new Map([[posts[2]!.fileName, [posts[1]!.fileName]], [posts[1]!.fileName, [posts[2]!.fileName]]]);
    const plan = planPages(posts, config.value, { siteHash: "s", assets: [], stories });
    const page = plan.pages.find((p): p is Extract<PlannedPage, { kind: "post" }> => p.kind === "post" && p.path === post(n, "a").path)!;
    const base = { config: config.value, theme: theme.value, loadHtml: async () => "<p>x</p>", searchScripts: [], toggle: false };
    const full = await renderPage({ ...base, plan } as RenderContext, page);
    const job = postJobOf(plan, page, new Map(plan.sources.map((s) => [s.name, s.key])), "<p>x</p>");
    const mini = miniPlanOf(structuredClone(job));
    expect(await renderPage({ ...base, plan: mini.plan } as RenderContext, mini.page)).toBe(full);
    expect(String(full).includes('<aside class="also"')).toBe(n === 3);
  });
});
