// The post reader: the text of a post in `_posts/` back to a `Post`, for every format old mirrors hold (pure).
import { fail, ok, type Result } from "../result.js";
import { readFrontMatter, type FrontMatter } from "./front-matter.js";
import type { Post } from "./types.js";

/*
 * Three layouts are read (shared/corpus/MANIFEST.tsv): the golden one; the older one without `comments:`;
 * and other generators' posts, whose body is the HTML right after the front matter (no `<!--epoch-->` line,
 * no link line). Line ends may be CRLF.
 */

const EPOCH_LINE = /^<!--(-?\d+|NaN)-->$/;
const LINK_SEPARATOR = "------";

/**
 * Reads a post; a failure names the file and the field that could not be read.
 * @example parsePost(text, "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md")
 */
export function parsePost(text: string, fileName: string): Result<Post> {
  const lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
  if (lines[0]?.trimEnd() !== "---") return badPost(fileName, "front matter", "the file does not start with a `---` line");
  const end = lines.findIndex((line, index) => index > 0 && line.trimEnd() === "---");
  if (end === -1) return badPost(fileName, "front matter", "no closing `---` line");
  const fields = readFrontMatter(lines.slice(1, end));
  if (typeof fields === "string") return badPost(fileName, "front matter", fields);

  const dateText = text1(fields, "date");
  if (dateText === "") return badPost(fileName, "date", "the `date:` field is missing");
  const date = readDate(dateText);
  if (date === null) return badPost(fileName, "date", `\`${dateText}\` is not a date`);

  const tags = list(fields, "tags");
  const categories = list(fields, "categories");
  const title = text1(fields, "title");
  const from = text1(fields, "from");
  const body = readBody(lines.slice(end + 1), from);
  return ok({
    fileName,
    title,
    date,
    author: text1(fields, "author"),
    from,
    site: categories[0] ?? tags[0] ?? "",
    tags,
    categories,
    comments: /^(?:true|yes|on)$/i.test(text1(fields, "comments")),
    epoch: body.epoch,
    linkTitle: body.linkTitle ?? title,
    html: body.html,
    layout: text1(fields, "layout") || "post",
  });
}

interface Body {
  epoch: number | null;
  linkTitle: string | null;
  html: string;
}

/** `<!--epoch-->`, `[title](link)`, `------`, ``, `<div>`, html, `</div>`; anything else is all html. */
function readBody(lines: string[], from: string): Body {
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  let index = 0;
  let epoch: number | null = null;
  const epochMatch = EPOCH_LINE.exec(lines[0] ?? "");
  if (epochMatch !== null) {
    const value = Number(epochMatch[1]);
    epoch = Number.isSafeInteger(value) ? value : null;
    index = 1;
  }
  let linkTitle: string | null = null;
  if (lines[index + 1] === LINK_SEPARATOR) {
    linkTitle = readLinkTitle(lines[index] ?? "", from);
    if (linkTitle !== null) index += 2;
  }
  while (index < lines.length && lines[index] === "") index++;
  const rest = lines.slice(index);
  const wrapped = rest[0] === "<div>" && rest[rest.length - 1] === "</div>" && rest.length >= 2;
  const html = (wrapped ? rest.slice(1, -1) : rest).join("\n");
  return { epoch, linkTitle, html };
}

/** The text of `[title](link)`; the writer turned `<` into `&lt;`, which is turned back. */
function readLinkTitle(line: string, from: string): string | null {
  if (!line.startsWith("[") || !line.endsWith(")")) return null;
  const suffix = `](${from})`;
  const cut = from !== "" && line.endsWith(suffix) ? line.length - suffix.length : line.lastIndexOf("](");
  if (cut < 1) return null;
  return line.slice(1, cut).replace(/&lt;/g, "<");
}

/** ISO 8601 as written by the writers seen in old mirrors, also Jekyll's `2014-08-04 09:39:51 +0200`. */
function readDate(text: string): Date | null {
  const jekyll = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*([-+]\d\d):?(\d\d)$/.exec(text);
  const normalized = jekyll ? `${jekyll[1]}T${jekyll[2]}${jekyll[3]}:${jekyll[4]}` : text;
  if (!/^\d{4}-\d\d-\d\d/.test(normalized)) return null;
  const date = new Date(normalized);
  return Number.isFinite(date.getTime()) ? date : null;
}

function text1(fields: FrontMatter, key: string): string {
  const value = fields.get(key);
  if (value === undefined) return "";
  return Array.isArray(value) ? value.join(", ") : value;
}

function list(fields: FrontMatter, key: string): string[] {
  const value = fields.get(key);
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value === "" ? [] : [value];
}

function badPost(fileName: string, field: string, message: string): Result<Post> {
  return fail({ code: "archive.bad-post", message: `${fileName}: ${field}: ${message}`, file: fileName });
}
