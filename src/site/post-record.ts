// What the site keeps of one post between builds: its facts without the HTML, and where it goes on the site.
import { createHash } from "node:crypto";
import type { Post } from "../archive/index.js";
import type { SiteConfig } from "./config.js";
import { outputPathForUrl, postPermalink } from "./permalink.js";
import { dayKey } from "./time-zone.js";

/** A post's facts, independent of site settings; cached in the manifest so unchanged posts are not reread. */
export interface PostRecord {
  /** Path under `_posts/`, "/"-separated. */
  fileName: string;
  size: number;
  mtimeMs: number;
  title: string;
  /** `date` in epoch ms. */
  time: number;
  author: string;
  site: string;
  from: string;
  comments: boolean;
  categories: string[];
  /** "en" for a title in Latin script only, else "" (the page's language applies). */
  lang: string;
  /** Hash of everything the post's own page shows of it, HTML included. */
  hash: string;
}

/** A post placed on the site: its record plus its permalink, output file and day. */
export interface PostSummary extends PostRecord {
  /** Jekyll permalink, escaped, with a leading "/": "/2023-12-07/slug/". */
  url: string;
  /** Output file under the site root, unescaped: "2023-12-07/slug/index.html". */
  path: string;
  /** Calendar day in the site's zone: "2023-12-07". */
  day: string;
}

/** Han, kana, hangul, CJK punctuation and full-width forms. */
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

/** The `lang` a post's elements get: "en" for a Latin-only title (the corpus' English posts), else inherit. */
export function postLanguage(title: string): string {
  return !CJK.test(title) && /[A-Za-z]/.test(title) ? "en" : "";
}

/** A parsed post's hash: it changes whenever anything a page shows of it may have. */
export function postHash(post: Omit<Post, "html">, bytes: Uint8Array): string {
  // The file's bytes stand for everything in it (cheaper than turning the HTML back into UTF-8).
  return createHash("sha1")
    .update(JSON.stringify([post.title, post.date.getTime(), post.author, post.site, post.from, post.comments, post.categories, post.linkTitle, post.layout]))
    .update("\0")
    .update(bytes)
    .digest("base64url")
    .slice(0, 22);
}

/** The record of a parsed post; `size`/`mtimeMs` identify the file version it was read from. */
export function recordOfPost(post: Omit<Post, "html">, fileName: string, size: number, mtimeMs: number, bytes: Uint8Array): PostRecord {
  const hash = postHash(post, bytes);
  return {
    fileName,
    size,
    mtimeMs,
    title: detach(post.title),
    time: post.date.getTime(),
    author: detach(post.author),
    site: detach(post.site),
    from: detach(post.from),
    comments: post.comments,
    categories: post.categories.map(detach),
    lang: postLanguage(post.title),
    hash,
  };
}

/**
 * A copy of `text` that does not keep the text it was cut from alive. V8 makes substrings as slices of
 * their parent, so a 40-character title would hold its whole post file in memory: at 100,000 posts that is
 * most of a gigabyte (measured: a build out of memory at 640 MB before this copy).
 */
function detach(text: string): string {
  return text.length === 0 ? "" : Buffer.from(text, "utf8").toString("utf8");
}

/** Places a post: permalink (Jekyll's rules, `permalinkTimezone`) and day (`timezone`); pure. */
export function summarizePost(record: PostRecord, config: SiteConfig): PostSummary {
  const date = new Date(record.time);
  const baseName = record.fileName.replace(/^.*\//, "");
  const url = postPermalink({ fileName: baseName, date, categories: record.categories }, config.permalink, config.permalinkTimezone);
  return { ...record, url, path: outputPathForUrl(url), day: dayKey(date, config.timezone) };
}
