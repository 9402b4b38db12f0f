// The article body of a post this project wrote: the one line between `<div>` and `</div>` (golden/README.md).
import { postHtml } from "./post-format.js";

const BODY_START = "\n------\n\n<div>\n";
const BODY_END = "\n</div>\n";

/** The post text with its body replaced by `rewrite(body)` (cleaned to one line), or null when the layout differs. */
export function replacePostBody(text: string, rewrite: (html: string) => string): string | null {
  const start = text.indexOf(BODY_START);
  if (start === -1 || !text.endsWith(BODY_END)) return null;
  const bodyStart = start + BODY_START.length;
  const bodyEnd = text.length - BODY_END.length;
  if (bodyEnd < bodyStart) return null;
  return text.slice(0, bodyStart) + postHtml(rewrite(text.slice(bodyStart, bodyEnd))) + BODY_END;
}
