// The post reader: the text of a post in `_posts/` back to a `Post`, for every format old mirrors hold (pure).
import { isUtf8 } from "node:buffer";
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

/** How a post's lines are held: as text, or as the Latin-1 of its UTF-8 bytes (one char a byte). */
interface LineCoding {
  /** A line, or a piece of one cut at ASCII, as text. */
  text(line: string): string;
  /** Text as such a line. */
  line(text: string): string;
}

const AS_TEXT: LineCoding = { text: (line) => line, line: (text) => text };
const AS_BYTES: LineCoding = { text: (line) => Buffer.from(line, "latin1").toString("utf8"), line: (text) => Buffer.from(text, "utf8").toString("latin1") };

/**
 * Reads a post; a failure names the file and the field that could not be read.
 * @example parsePost(text, "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md")
 */
export function parsePost(text: string, fileName: string): Result<Post> {
  return parseLines(text.replace(/^\ufeff/, "").split(/\r?\n/), fileName, AS_TEXT);
}

/**
 * `parsePost` of a file's bytes, with the HTML left as the UTF-8 bytes it is in the file: a page can be written
 * around them, and the body, most of a post, is never decoded (a build of 10,000 posts spent 0.3 to 0.4 s of CPU
 * decoding and 0.15 to 0.25 s encoding them again). It works on the Latin-1 of the bytes, where line breaks, the
 * `<!--epoch-->`, link and `<div>` lines read as they do in the text, since every byte of a multi-byte UTF-8
 * character is above 127; only the front matter and the link's title are decoded. Null when the bytes are not
 * UTF-8: decoding replaces what is not, and the caller reads that text with `parsePost`.
 */
export function parsePostBytes(bytes: Uint8Array, fileName: string): Result<{ post: Omit<Post, "html">; html: Buffer }> | null {
  if (!isUtf8(bytes)) return null;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const parsed = parseLines(buffer.toString("latin1", bom).split(/\r?\n/), fileName, AS_BYTES);
  if (!parsed.ok) return fail(parsed.failure);
  const { html, ...post } = parsed.value;
  // Its own memory, not a slice of Node's shared pool: a build keeps thousands of these for a while.
  const bytesOfHtml = Buffer.allocUnsafeSlow(html.length);
  bytesOfHtml.write(html, "latin1");
  return ok({ post, html: bytesOfHtml });
}

/** A post from its lines held as `coding` says; the HTML stays in that coding. */
function parseLines(lines: string[], fileName: string, coding: LineCoding): Result<Post> {
  // A line that reads "---" once trimmed starts with "---" in either coding.
  const isFence = (line: string): boolean => line.startsWith("---") && coding.text(line).trimEnd() === "---";
  if (lines[0] === undefined || !isFence(lines[0])) return badPost(fileName, "front matter", "the file does not start with a `---` line");
  const end = lines.findIndex((line, index) => index > 0 && isFence(line));
  if (end === -1) return badPost(fileName, "front matter", "no closing `---` line");
  const fields = readFrontMatter(lines.slice(1, end).map(coding.text));
  if (typeof fields === "string") return badPost(fileName, "front matter", fields);

  const dateText = text1(fields, "date");
  if (dateText === "") return badPost(fileName, "date", "the `date:` field is missing");
  const date = readDate(dateText);
  if (date === null) return badPost(fileName, "date", `\`${dateText}\` is not a date`);

  const tags = list(fields, "tags");
  const categories = list(fields, "categories");
  const title = text1(fields, "title");
  const from = text1(fields, "from");
  const body = readBody(lines.slice(end + 1), coding.line(from));
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
    linkTitle: body.linkTitle === null ? title : coding.text(body.linkTitle),
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
