// Plain text to HTML and back, for titles that carry markup and text-only content.
import { decodeHTML } from "entities";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to show as HTML (Atom type="text" content, JSON Feed content_text). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The text of an HTML fragment: tags removed, entities decoded once (Atom type="html" titles, RFC 4287 3.1.1.2). */
export function htmlToText(html: string): string {
  return decodeHTML(html.replace(/<!--[\s\S]*?-->/g, "").replace(/<\/?[A-Za-z][^<>]*>/g, ""));
}
