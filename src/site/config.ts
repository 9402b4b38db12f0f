// The mirror's site settings: `_config.yml` (Jekyll's names) to a checked `SiteConfig`.
import { isKnownTimezone } from "../feed/index.js";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { fail, ok, type Result } from "../result.js";

/** Comments provider a mirror may configure; without one, `comments: True` shows nothing. */
export type CommentsConfig =
  | { provider: "giscus"; repo: string; repoId: string; category: string; categoryId: string }
  | { provider: "disqus"; shortname: string }
  | null;

export interface SiteConfig {
  title: string;
  description: string;
  /** BCP 47 tag for the `lang` attribute of every page. */
  lang: string;
  /** Scheme and host for absolute URLs in feeds and the sitemap ("https://news.example"); "" when unknown. */
  url: string;
  /** Path the site is served under, "" or "/mirror" (no trailing slash). */
  baseurl: string;
  /** Jekyll permalink template or built-in style name. */
  permalink: string;
  /** IANA zone used to show times and group posts by day. */
  timezone: string;
  /**
   * IANA zone Jekyll would have used for the `:year/:month/:day` of a permalink: the mirror's own
   * `timezone` when it sets one, else UTC, the zone of the GitHub machines that built the old mirrors
   * (Jekyll converts post dates with `Time#localtime`, lib/jekyll/utils.rb `parse_date`).
   */
  permalinkTimezone: string;
  /** Posts per list page. */
  paginate: number;
  comments: CommentsConfig;
}

/** The old mirrors' permalink (their `_config.yml`), kept as the default so links keep working. */
export const DEFAULT_PERMALINK = "/:year-:month-:day/:title/";
/** Taiwan's zone: most readers are there, and UTC days put its early-morning news on the wrong day (issue #3). */
export const DEFAULT_TIMEZONE = "Asia/Taipei";
export const DEFAULT_PAGINATE = 50;

const DEFAULTS: SiteConfig = {
  title: "newsmirror",
  description: "",
  lang: "zh",
  url: "",
  baseurl: "",
  permalink: DEFAULT_PERMALINK,
  timezone: DEFAULT_TIMEZONE,
  permalinkTimezone: "UTC",
  paginate: DEFAULT_PAGINATE,
  comments: null,
};

/** Turns a `--base-url` or `baseurl` value into "" or "/a/b". */
export function normalizeBaseUrl(value: string): string {
  const trimmed = value.trim().replace(/\/+$/, "");
  if (trimmed === "" || trimmed === "/") return "";
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

function text(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return null;
}

function readComments(data: Record<string, unknown>, file: string): Result<CommentsConfig> {
  const giscus = data["giscus"];
  if (giscus && typeof giscus === "object") {
    const g = giscus as Record<string, unknown>;
    const fields = ["repo", "repo_id", "category", "category_id"].map((k) => text(g[k]));
    if (fields.some((f) => !f)) {
      return fail({ code: "site.config", file, message: `${file}: giscus needs repo, repo_id, category and category_id (see giscus.app)` });
    }
    const [repo, repoId, category, categoryId] = fields as string[];
    return ok({ provider: "giscus", repo: repo!, repoId: repoId!, category: category!, categoryId: categoryId! });
  }
  const disqus = data["disqus"];
  if (disqus && typeof disqus === "object") {
    const shortname = text((disqus as Record<string, unknown>)["shortname"]);
    if (!shortname || !/^[a-z0-9-]+$/i.test(shortname)) {
      return fail({ code: "site.config", file, message: `${file}: disqus.shortname must be your Disqus site's short name (letters, digits, -)` });
    }
    return ok({ provider: "disqus", shortname });
  }
  return ok(null);
}

/** Reads settings from the text of a `_config.yml`; pure. `parseSiteConfig("timezone: UTC\n", "_config.yml")`. */
export function parseSiteConfig(source: string, file = "_config.yml"): Result<SiteConfig> {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = error.linePos?.[0]?.line;
    return fail({ code: "site.config", file, line, message: `${file}${line ? ` line ${line}` : ""}: not valid YAML (${error.message.split("\n")[0]})` });
  }
  const raw: unknown = doc.toJS();
  if (raw !== null && raw !== undefined && (typeof raw !== "object" || Array.isArray(raw))) {
    return fail({ code: "site.config", file, message: `${file}: expected settings as "name: value" lines` });
  }
  const data = (raw ?? {}) as Record<string, unknown>;
  const config: SiteConfig = { ...DEFAULTS };
  config.title = text(data["title"]) ?? DEFAULTS.title;
  config.description = text(data["description"]) ?? "";
  config.lang = text(data["lang"]) ?? DEFAULTS.lang;
  config.url = (text(data["url"]) ?? "").replace(/\/+$/, "");
  config.baseurl = normalizeBaseUrl(text(data["baseurl"]) ?? "");
  config.permalink = text(data["permalink"]) ?? DEFAULT_PERMALINK;
  const zone = text(data["timezone"]);
  if (zone !== null) {
    if (!isKnownTimezone(zone)) {
      return fail({ code: "site.config", file, message: `${file}: timezone "${zone}" is not an IANA zone name; use e.g. Asia/Taipei or UTC` });
    }
    config.timezone = zone;
    config.permalinkTimezone = zone;
  }
  const paginate = data["paginate"];
  if (paginate !== undefined && paginate !== null) {
    if (typeof paginate !== "number" || !Number.isInteger(paginate) || paginate < 1 || paginate > 10_000) {
      return fail({ code: "site.config", file, message: `${file}: paginate must be a whole number of posts per page, 1 to 10000` });
    }
    config.paginate = paginate;
  }
  const comments = readComments(data, file);
  if (!comments.ok) return comments;
  config.comments = comments.value;
  return ok(config);
}

/** Reads `DIR/_config.yml`; a missing file gives the defaults. */
export async function loadSiteConfig(dir: string): Promise<Result<SiteConfig>> {
  const file = join(dir, "_config.yml");
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return ok({ ...DEFAULTS });
    return fail({ code: "site.io", file, message: `cannot read ${file}: ${(error as Error).message}`, cause: error });
  }
  return parseSiteConfig(source, file);
}
