// Front-matter values as YAML scalars: plain where the old writer's plain output already reads back right, quoted otherwise.
import { hasLoneSurrogate, toWellFormed } from "./text-clean.js";

/*
 * The original writer put author, link and site in as plain scalars, which breaks on `: `, ` #`, a leading
 * indicator (`[`, `&`, `*`, ...), newlines, and, inside `tags: [ ... ]`, on `,`. A value is written plain only
 * when both YAML 1.2 (the `yaml` package) and YAML 1.1 (Jekyll's Psych) read it back as the same string;
 * otherwise it becomes a double-quoted scalar (YAML 1.2 section 7.3.1), which can hold any text.
 */

/** Characters that may not start a plain scalar (YAML 1.2 section 5.3, c-indicator). */
const INDICATOR_FIRST = new Set([..."-?:,[]{}#&*!|>'\"%@`"]);

/** Flow indicators that end a plain scalar inside `[ ... ]` (YAML 1.2 section 7.3.3, ns-plain-safe-in). */
const FLOW_INDICATORS = /[,[\]{}]/;

/** Plain values YAML 1.1 or 1.2 resolves to null, booleans, numbers or timestamps (YAML 1.1 type repository, 1.2 core schema). */
const NON_STRING_PLAIN = [
  /^(?:~|null|Null|NULL)$/,
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^[-+]?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|0[0-7_]+)$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[-+]?(?:\.[0-9_]+|[0-9][0-9_,]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt\s])/,
  /^(?:<<|=)$/,
];

/**
 * Characters a YAML document may not hold literally (outside c-printable, YAML 1.2 section 5.1) plus the ones
 * some readers take as line breaks (U+0085, U+2028, U+2029) and the byte-order mark.
 */
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/** True when `value` can be written as a plain scalar in block context (`author: value`). */
export function isPlainSafe(value: string): boolean {
  if (value === "" || value !== value.trim()) return false;
  if (INDICATOR_FIRST.has(value[0] as string)) return false;
  if (value.includes(": ") || value.endsWith(":") || value.includes(" #")) return false;
  if (NEEDS_ESCAPE.test(value) || hasLoneSurrogate(value)) return false;
  return !NON_STRING_PLAIN.some((pattern) => pattern.test(value));
}

/** True when `value` can be written plain inside a flow sequence (`tags: [ value ]`). */
export function isFlowPlainSafe(value: string): boolean {
  return isPlainSafe(value) && !FLOW_INDICATORS.test(value) && !value.includes(":");
}

/** A YAML double-quoted scalar for any string: `"` and `\` escaped, unprintables as `\uXXXX` (YAML 1.2 section 5.7). */
export function doubleQuoted(value: string): string {
  return `"${escapeDoubleQuoted(value)}"`;
}

/** The inside of a double-quoted scalar; the old writer's `\"` for a quote is kept, and `\` now becomes `\\`. */
export function escapeDoubleQuoted(value: string): string {
  let out = "";
  for (const char of toWellFormed(value)) {
    if (char === "\\") out += "\\\\";
    else if (char === '"') out += '\\"';
    else if (NEEDS_ESCAPE.test(char)) out += `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return out;
}

/** A block-context value: plain when safe, else double-quoted. */
export function blockScalar(value: string): string {
  return isPlainSafe(value) ? value : doubleQuoted(value);
}

/** A flow-sequence item: plain when safe, else double-quoted. */
export function flowScalar(value: string): string {
  return isFlowPlainSafe(value) ? value : doubleQuoted(value);
}
