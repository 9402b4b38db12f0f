// One source entry (`{ site, url, ...options }`) of subs.json or newsmirror.yml, read and checked.
import type { ConfigNode, ConfigProblem } from "./config-node.js";
import { describeNode } from "./config-node.js";
import type { SourceOptions } from "./index.js";
import { readSourceOptions } from "./option-schema.js";
import { whyNotFeedUrl } from "./url.js";

/** A source as declared in one file, before defaults and the other file are merged in. */
export interface DeclaredSource {
  /** Null only in newsmirror.yml, for an entry that adds options to a subs.json source. */
  site: string | null;
  url: string;
  options: Partial<SourceOptions>;
  line: number;
}

export type EntryReading = { source: DeclaredSource | null; problems: ConfigProblem[] };

const ENTRY_KEYS = ["site", "url"] as const;

/** Reads one list item; `siteRequired` is false where the entry may only add options. */
export function readSourceEntry(node: ConfigNode, file: string, index: number, siteRequired: boolean): EntryReading {
  const name = `entry ${index + 1}`;
  if (node.kind !== "map") {
    const message = `${name} is ${describeNode(node)}; each entry needs \`site\` and \`url\`, like { "site": "BBC", "url": "https://..." }`;
    return { source: null, problems: [{ file, line: node.line, message }] };
  }
  const problems: ConfigProblem[] = [];
  const site = readText(node, "site", file, problems);
  const url = readText(node, "url", file, problems);
  const label = site ? `for ${site}` : `(${name})`;
  const where = `in the entry ${label}`;
  if (url === undefined) {
    problems.push({ file, line: node.line, message: `\`url\` is missing ${where}; each entry needs \`site\` and \`url\`` });
  } else if (url !== null) {
    const why = whyNotFeedUrl(url);
    if (why) problems.push({ file, line: lineOfKey(node, "url"), message: `\`url\` ${where}: ${why}` });
  }
  if (site === undefined && siteRequired) {
    problems.push({ file, line: node.line, message: `\`site\` is missing ${where}; each entry needs \`site\` and \`url\`` });
  }
  const reading = readSourceOptions(node.entries, file, where, ENTRY_KEYS);
  problems.push(...reading.problems);
  if (problems.length > 0 || typeof url !== "string") return { source: null, problems };
  return { source: { site: site ?? null, url, options: reading.options, line: node.line }, problems };
}

/** The text of `key`; undefined when absent; null (with a problem recorded) when not usable text. */
function readText(
  node: Extract<ConfigNode, { kind: "map" }>,
  key: string,
  file: string,
  problems: ConfigProblem[],
): string | null | undefined {
  const entry = node.entries.find((candidate) => candidate.key === key);
  if (!entry) return undefined;
  const value = entry.value;
  if (value.kind === "scalar" && typeof value.value === "string" && value.value.trim() !== "") return value.value;
  problems.push({ file, line: entry.line, message: `\`${key}\` must be non-empty text; it is ${describeNode(value)}` });
  return null;
}

function lineOfKey(node: Extract<ConfigNode, { kind: "map" }>, key: string): number {
  return node.entries.find((entry) => entry.key === key)?.line ?? node.line;
}
