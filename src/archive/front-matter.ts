// Reading a post's front matter line by line, as the original writer (and this one) lays it out.
import { parse as parseYaml } from "yaml";

/*
 * Old archives hold values the original writer never escaped (a `\` in a title, `: ` in an author, a `,` in a
 * site name), which a YAML parser rejects or splits. Each `key: value` line is therefore read on its own:
 * quoted values are unescaped leniently, plain values are taken literally. A front matter this reader cannot
 * follow (block scalars, nested maps from other generators) is handed to the `yaml` package instead.
 */

export type FrontMatter = Map<string, string | string[]>;

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*))?$/;

/**
 * Escapes of YAML double-quoted scalars (YAML 1.2 section 5.7) this reader honours. The writer emits only `\\`,
 * `\"` and `\uXXXX`; single-letter control escapes (`\n`, `\t`, `\b`, ...) are left as written because the
 * original writer never escaped a backslash, and a title holds no control characters, so an old `C:\new` meant
 * exactly that.
 */
const ESCAPES = new Map<string, string>([
  ['"', '"'], ["\\", "\\"], ["/", "/"], [" ", " "], ["N", "\x85"], ["_", "\xa0"], ["L", "\u2028"], ["P", "\u2029"],
]);
const HEX_LENGTH = new Map<string, number>([["x", 2], ["u", 4], ["U", 8]]);

/** Reads the lines between the two `---`; a string error names what could not be read. */
export function readFrontMatter(lines: readonly string[]): FrontMatter | string {
  const fields: FrontMatter = new Map();
  for (const line of lines) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const match = KEY_LINE.exec(line);
    if (match === null) return readWithYaml(lines);
    const key = match[1] as string;
    const raw = (match[2] ?? "").trim();
    fields.set(key, raw.startsWith("[") && raw.endsWith("]") ? readFlowList(raw) : readScalar(raw));
  }
  return fields;
}

/** One scalar value: `"..."` and `'...'` unescaped, anything else literally. */
export function readScalar(raw: string): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return unescapeDoubleQuoted(raw.slice(1, -1));
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/**
 * `[ a ]`: the original writer always wrote one item padded with spaces and never escaped it, so a padded
 * unquoted list is one item even with a `,` inside; quoted items and unpadded lists are split on commas.
 */
function readFlowList(raw: string): string[] {
  const inner = raw.slice(1, -1);
  if (inner.trim() === "") return [];
  if (inner.startsWith(" ") && inner.endsWith(" ") && !/^\s*["']/.test(inner)) return [inner.trim()];
  const items: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i] as string;
    if (quote === '"' && char === "\\") {
      current += char + (inner[i + 1] ?? "");
      i++;
    } else if (quote !== null) {
      if (char === quote) quote = null;
      current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      current += char;
    } else if (char === ",") {
      items.push(readScalar(current.trim()));
      current = "";
    } else current += char;
  }
  items.push(readScalar(current.trim()));
  return items;
}

/** The inside of a double-quoted scalar; a backslash before an unknown letter stays, as old posts meant it. */
export function unescapeDoubleQuoted(inner: string): string {
  let out = "";
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i] as string;
    if (char !== "\\" || i === inner.length - 1) {
      out += char;
      continue;
    }
    const next = inner[i + 1] as string;
    const hexLength = HEX_LENGTH.get(next);
    if (hexLength !== undefined) {
      const hex = inner.slice(i + 2, i + 2 + hexLength);
      const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLength ? Number.parseInt(hex, 16) : NaN;
      if (Number.isFinite(code) && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i += 1 + hexLength;
        continue;
      }
    }
    const escaped = ESCAPES.get(next);
    if (escaped === undefined) {
      out += char;
      continue;
    }
    out += escaped;
    i++;
  }
  return out;
}

function readWithYaml(lines: readonly string[]): FrontMatter | string {
  let parsed: unknown;
  try {
    parsed = parseYaml(lines.join("\n"), { maxAliasCount: 100, prettyErrors: false });
  } catch (error) {
    return `front matter is not YAML (${(error as Error).message.split("\n")[0]})`;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return "front matter is not a YAML mapping";
  const fields: FrontMatter = new Map();
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (Array.isArray(value)) fields.set(key, value.map((item) => yamlText(item)));
    else fields.set(key, yamlText(value));
  }
  return fields;
}

function yamlText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
