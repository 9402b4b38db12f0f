// The site stage: the posts folder to a static site (pages, mirror feeds, sitemap, search index), incrementally.
import type { Result } from "../result.js";
import { build, type BuildOptions, type BuildReport } from "./build.js";

export type { BuildOptions, BuildReport } from "./build.js";
export type { SiteConfig, CommentsConfig } from "./config.js";
export { loadSiteConfig, parseSiteConfig, normalizeBaseUrl, DEFAULT_PERMALINK, DEFAULT_TIMEZONE } from "./config.js";
export type { PagePlan, PlannedPage, SourceSummary } from "./page-plan.js";
export { planPages } from "./page-plan.js";
export type { PostRecord, PostSummary } from "./post-record.js";
export { postPermalink, outputPathForUrl } from "./permalink.js";
export type { OutputDir } from "./output-dir.js";
export { createOutputDir } from "./output-dir.js";
export type { Unreadable } from "./post-reader.js";
export { beginBuildAfterFetch, type BuildAfterFetch } from "./build-after-fetch.js";
export type { SearchOutcome } from "./search-hook.js";

/**
 * Builds `DIR/_site` (or `out`) from `DIR/_posts`, writing only what changed since the last build; a post
 * that cannot be read is reported in `unreadable`, never fatal.
 * @example const built = await buildSite({ dir: "mirror", baseUrl: "/news" });
 */
export function buildSite(options: BuildOptions): Promise<Result<BuildReport>> {
  return build(options);
}
export { createSiteServer } from "./static-server.js";
export { watchMirror } from "./watch-mirror.js";
