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
