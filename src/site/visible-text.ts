// The visible text of article HTML, for the search index and story links: text inside script-like elements
// skipped, entities decoded, the edges of block elements marked so words on both sides stay apart.
import { Parser } from "htmlparser2";

export interface VisibleTextOptions {
  /** Elements whose text is not the article's (script, style, ...). */
  hidden: ReadonlySet<string>;
  /** Elements whose start and end get `separator`. */
  breaks: ReadonlySet<string>;
  separator: string;
  /** Stop once this many characters are read (the HTML is then read `chunk` characters at a time). */
  limit?: { chars: number; chunk: number };
}

/** The text of `html` (any string: the tokenizer accepts everything). */
export function visibleText(html: string, options: VisibleTextOptions): string {
  let text = "";
  let hidden = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (options.hidden.has(name)) hidden++;
        else if (options.breaks.has(name)) text += options.separator;
      },
      onclosetag(name) {
        if (options.hidden.has(name)) hidden = Math.max(0, hidden - 1);
        else if (options.breaks.has(name)) text += options.separator;
      },
      ontext(chunk) {
        if (hidden === 0) text += chunk;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  const limit = options.limit;
  try {
    if (limit === undefined) parser.write(html);
    else for (let at = 0; at < html.length && text.length < limit.chars; at += limit.chunk) parser.write(html.slice(at, at + limit.chunk));
    parser.end();
  } catch {
    // The tokenizer accepts any string; should it ever fail, the text read so far stands.
  }
  return limit === undefined ? text : text.slice(0, limit.chars);
}
