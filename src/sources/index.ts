// The sources stage: subs.json / newsmirror.yml / OPML to validated `Source[]` and global settings.

export type FullTextMode = "always" | "auto" | "never";
export type ImageMode = "mirror" | "hotlink";

/** Options a source may set; newsmirror.yml `defaults` gives the global values. */
export interface SourceOptions {
  /** false keeps the feed's HTML exactly as the original system did. */
  clean: boolean;
  /** Replaces the item author in posts. */
  author: string | null;
  /** http://, https:// or socks5:// proxy URL; null uses HTTPS_PROXY / ALL_PROXY. */
  proxy: string | null;
  userAgent: string | null;
  /** IANA zone for feed dates that carry none, e.g. "Asia/Shanghai". */
  timezone: string | null;
  /** Keywords or categories: an item is kept when it matches one (empty: all). */
  include: string[];
  /** Keywords or categories: an item that matches one is skipped. */
  exclude: string[];
  enabled: boolean;
  fullText: FullTextMode;
  images: ImageMode;
  /** CSS selectors removed from the article (added to the built-in site rules). */
  remove: string[];
}

/** One feed URL to mirror. One `site` may have several sources. */
export interface Source extends SourceOptions {
  site: string;
  url: string;
  /** Where the source was declared, for error messages. */
  origin: { file: string; line: number };
}

/** How the fetch stage paces itself; newsmirror.yml `fetch:` (snake_case keys there). */
export interface FetchSettings {
  /** Requests in flight at once (default 8). */
  concurrency: number;
  /** Requests in flight at once to one host (default 2). */
  perHost: number;
  /** Per request (default 30). */
  timeoutSeconds: number;
  /** Retries of a retryable failure (default 3). */
  retries: number;
  /** Largest body accepted (default 8 MiB). */
  maxBytes: number;
}

/** Everything a mirror folder's config files say. */
export interface MirrorConfig {
  sources: Source[];
  /** Built-in defaults with newsmirror.yml `defaults` applied. */
  defaults: SourceOptions;
  fetch: FetchSettings;
  /** The config files that were read (absolute or as given under `dir`). */
  files: string[];
}

/**
 * Reads and checks `dir`'s subs.json and/or newsmirror.yml; see load-config.ts for how they merge.
 * Failure "sources.missing" when neither exists, "sources.invalid" naming file and line.
 * @example const config = await loadMirrorConfig("mirror"); if (config.ok) console.log(config.value.sources.length);
 */
export { loadMirrorConfig, formatProblem } from "./load-config.js";
/** Built-in per-source options, fetch settings and the fifteen default sources of `newsmirror init`. */
export { DEFAULT_SOURCE_OPTIONS, DEFAULT_FETCH_SETTINGS, DEFAULT_SOURCES } from "./defaults.js";
/**
 * Creates a mirror folder; never overwrites a file.
 * @example await initMirror("mirror") // { ok: true, value: { created: ["_posts/", "subs.json", ...] } }
 */
export { initMirror } from "./init-mirror.js";
/**
 * OPML 1.0/2.0 in and OPML 2.0 out.
 * @example parseOpml(text, "feeds.opml") // { ok: true, value: [{ site: "BBC", url: "https://..." }] }
 */
export { parseOpml, formatOpml } from "./opml.js";
/**
 * Edits the mirror's source list in place, keeping the files' own layout.
 * @example await addSource("mirror", { site: "BBC", url: "https://feeds.bbci.co.uk/zhongwen/simp/rss.xml", clean: false })
 */
export { addSource, removeSource, importSources, type SourceEntry } from "./edit-sources.js";
/**
 * The include/exclude filter of a source.
 * @example isItemIncluded({ title: "台灣選舉", html: "<p>...</p>", categories: [] }, source)
 */
export { isItemIncluded } from "./item-filter.js";
/** Per-source options from command-line flags: readOptionFlags([["clean", "false"]]). */
export { readOptionFlags, OPTION_FLAG_KEYS } from "./option-flags.js";
/** The `sources list` table. */
export { formatSourceTable, describeSetOptions, formatTable } from "./source-table.js";
