// The content stage's types: the Article it hands on, its options, and the shape every content step shares.
import type { Entry } from "../feed/index.js";

/** An entry made ready for the archive: clean HTML plus what the later stages and `status` need. */
export interface Article {
  title: string;
  link: string;
  guid: string | null;
  published: Date | null;
  author: string | null;
  html: string;
  categories: string[];
  /** Absolute image URLs in html (for mirroring), in order, unique. */
  images: string[];
  /** Names of the site rules that removed something ("www.cna.com.tw div.SubscriptionInner", "remove .ad"). */
  rulesMatched: string[];
  /** What was done that a person may want to know, e.g. "full text: readability", "video embed -> link: YouTube". */
  notes: string[];
}

/** The per-source options of the content stage (sources: `clean`, `remove`). */
export interface ContentOptions {
  /** false keeps entry.html byte for byte, as the original system did. */
  clean: boolean;
  /** Extra CSS selectors removed from this source's articles, after the built-in site rules. */
  remove: string[];
}

/** Bytes fetched at the edge for this entry: the article page, when full text was fetched. */
export interface ContentContext {
  page?: { url: string; html: string } | null;
}

/** The article between steps: while DOM steps run, `dom` holds the parsed HTML and `html` is stale. */
export interface ArticleDraft extends Article {
  dom: HTMLElement | null;
}

/** What every step may read: the options, the fetched page, and the URL relative links resolve against. */
export interface StepContext {
  options: ContentOptions;
  page: { url: string; html: string } | null;
  baseUrl: string;
}

/** One content step (STYLE rule 10). */
export type ContentStep = (article: ArticleDraft, context: StepContext) => ArticleDraft;

/** An entry whose link is known (the caller falls back to the guid before calling the content stage). */
export type LinkedEntry = Entry & { link: string };
