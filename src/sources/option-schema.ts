// The per-source option keys as written in subs.json and newsmirror.yml (snake_case), their checks, and their TS fields.
import type { ConfigEntry, ConfigNode, ConfigProblem } from "./config-node.js";
import { describeNode } from "./config-node.js";
import { whyNotSelector } from "./css-selector.js";
import type { SourceOptions } from "./index.js";
import { canonicalTimeZone } from "./time-zone.js";
import { whyNotProxyUrl } from "./url.js";

type Reading = { value: unknown } | { problem: string };

interface OptionRule {
  field: keyof SourceOptions;
  /** What a valid value looks like, for messages. */
  expects: string;
  read: (node: ConfigNode) => Reading;
}

const readBoolean = (node: ConfigNode): Reading =>
  node.kind === "scalar" && typeof node.value === "boolean" ? { value: node.value } : { problem: "" };

const readOptionalText = (node: ConfigNode): Reading => {
  if (node.kind === "scalar" && node.value === null) return { value: null };
  if (node.kind === "scalar" && typeof node.value === "string" && node.value.trim() !== "") return { value: node.value };
  return { problem: "" };
};

const readProxy = (node: ConfigNode): Reading => {
  const text = readOptionalText(node);
  if ("problem" in text || text.value === null) return text;
  const why = whyNotProxyUrl(text.value as string);
  return why ? { problem: why } : text;
};

const readTimeZone = (node: ConfigNode): Reading => {
  const text = readOptionalText(node);
  if ("problem" in text || text.value === null) return text;
  const zone = canonicalTimeZone(text.value as string);
  return zone
    ? { value: zone }
    : { problem: `${JSON.stringify(text.value)} is not an IANA time zone; use a name like "Asia/Shanghai" or "UTC"` };
};

/** A single text is accepted where a list is expected: `include: 台灣` means `include: [台灣]`. */
const readTextList = (node: ConfigNode): Reading => {
  const items = node.kind === "list" ? node.items : [node];
  const out: string[] = [];
  for (const item of items) {
    if (item.kind !== "scalar" || typeof item.value !== "string" || item.value.trim() === "") return { problem: "" };
    out.push(item.value);
  }
  return { value: out };
};

const readSelectorList = (node: ConfigNode): Reading => {
  const list = readTextList(node);
  if ("problem" in list) return list;
  for (const selector of list.value as string[]) {
    const why = whyNotSelector(selector);
    if (why) return { problem: `the selector ${JSON.stringify(selector)} does not parse (${why})` };
  }
  return list;
};

const readChoice = (choices: readonly string[]) => (node: ConfigNode): Reading =>
  node.kind === "scalar" && typeof node.value === "string" && choices.includes(node.value)
    ? { value: node.value }
    : { problem: "" };

/** File key to rule. The order is the order `sources list` and the init template show them in. */
export const SOURCE_OPTION_RULES: ReadonlyMap<string, OptionRule> = new Map<string, OptionRule>([
  ["enabled", { field: "enabled", expects: "true or false", read: readBoolean }],
  ["clean", { field: "clean", expects: "true or false", read: readBoolean }],
  ["full_text", { field: "fullText", expects: "always, auto or never", read: readChoice(["always", "auto", "never"]) }],
  ["images", { field: "images", expects: "mirror or hotlink", read: readChoice(["mirror", "hotlink"]) }],
  ["remove", { field: "remove", expects: "a list of CSS selectors", read: readSelectorList }],
  ["include", { field: "include", expects: "a keyword or a list of keywords", read: readTextList }],
  ["exclude", { field: "exclude", expects: "a keyword or a list of keywords", read: readTextList }],
  ["author", { field: "author", expects: "a name, or null", read: readOptionalText }],
  ["proxy", { field: "proxy", expects: "a proxy URL (http://, https:// or socks5://), or null", read: readProxy }],
  ["user_agent", { field: "userAgent", expects: "a User-Agent text, or null", read: readOptionalText }],
  ["timezone", { field: "timezone", expects: "an IANA zone such as \"Asia/Shanghai\", or null", read: readTimeZone }],
]);

/** TS field to file key, for writing options back. */
export const OPTION_FILE_KEYS: ReadonlyMap<keyof SourceOptions, string> = new Map(
  [...SOURCE_OPTION_RULES].map(([key, rule]) => [rule.field, key]),
);

export interface OptionReading {
  options: Partial<SourceOptions>;
  problems: ConfigProblem[];
}

/**
 * Reads the option keys of one map; `otherKeys` (such as `site`, `url`) are left to the caller.
 * `where` names the map in messages: "in the entry for 路透".
 */
export function readSourceOptions(
  entries: ConfigEntry[],
  file: string,
  where: string,
  otherKeys: readonly string[],
): OptionReading {
  const options: Partial<SourceOptions> = {};
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const earlier = seen.get(entry.key);
    if (earlier !== undefined) {
      problems.push({ file, line: entry.line, message: `\`${entry.key}\` is given twice ${where} (also line ${earlier}); keep one` });
      continue;
    }
    seen.set(entry.key, entry.line);
    if (otherKeys.includes(entry.key)) continue;
    const rule = SOURCE_OPTION_RULES.get(entry.key);
    if (!rule) {
      problems.push({ file, line: entry.line, message: unknownKeyMessage(entry.key, where, [...otherKeys, ...SOURCE_OPTION_RULES.keys()]) });
      continue;
    }
    const reading = rule.read(entry.value);
    if ("problem" in reading) {
      const detail = reading.problem || `it is ${describeNode(entry.value)}`;
      problems.push({ file, line: entry.line, message: `\`${entry.key}\` ${where} must be ${rule.expects}; ${detail}` });
      continue;
    }
    (options as Record<string, unknown>)[rule.field] = reading.value;
  }
  return { options, problems };
}

/** "unknown key `ful_text` in the entry for 路透 (did you mean `full_text`?); known keys: ..." */
export function unknownKeyMessage(key: string, where: string, known: readonly string[]): string {
  const near = known.find((candidate) => editDistance(candidate, key.toLowerCase()) <= 2);
  const hint = near ? ` (did you mean \`${near}\`?)` : "";
  return `unknown key \`${key}\` ${where}${hint}; known keys: ${known.join(", ")}`;
}

/** Levenshtein distance, for "did you mean" hints on short keys. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || b.length > 64) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 99;
}
