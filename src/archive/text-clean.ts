// Text clean-up rules of the post format: control characters and broken UTF-16.

/** C0 and C1 controls and DEL: what the original writer deleted from titles and content (golden/README.md). */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Deletes U+0000-U+001F and U+007F-U+009F, line breaks and tabs included, as the original writer did. */
export function removeControlChars(text: string): string {
  return text.replace(CONTROL_CHARS, "");
}

/** True when the string has a surrogate half without its pair (it cannot be written as UTF-8). */
export function hasLoneSurrogate(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text);
}

/** Replaces each lone surrogate with U+FFFD, as a UTF-8 encoder would (String.prototype.toWellFormed, ES2024). */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}
