// A post's article HTML between reading and rendering: the UTF-8 bytes it is in the file, so a post page is written
// around them without decoding them, or text when the file is not UTF-8 (see `parsePostBytes`).

export type ArticleHtml = string | Uint8Array;

/** The text of an article's HTML (feeds and story links want text). */
export function articleText(html: ArticleHtml): string {
  return typeof html === "string" ? html : Buffer.from(html.buffer, html.byteOffset, html.byteLength).toString("utf8");
}
