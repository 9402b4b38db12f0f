// The positioned value tree that subs.json and newsmirror.yml are read into, and the problems that name its lines.
import { basename } from "node:path";
import type { Failure } from "../result.js";

/** More problems than this are summarised as "... and N more". */
const MAX_PROBLEMS_SHOWN = 20;

/** A config value with the 1-based line it starts on. */
export type ConfigNode =
  | { kind: "map"; line: number; entries: ConfigEntry[] }
  | { kind: "list"; line: number; items: ConfigNode[] }
  | { kind: "scalar"; line: number; value: string | number | boolean | null };

/** One `key: value` of a map; `line` is the key's line. */
export interface ConfigEntry {
  key: string;
  line: number;
  value: ConfigNode;
}

/** A problem found in a config file: "subs.json line 14: `url` is missing". */
export interface ConfigProblem {
  file: string;
  line: number;
  message: string;
}

/** Names a node's type the way a person writing the file would: "a list", "the number 3". */
export function describeNode(node: ConfigNode): string {
  if (node.kind === "map") return "a map";
  if (node.kind === "list") return "a list";
  if (node.value === null) return "null";
  if (typeof node.value === "string") return `the text ${JSON.stringify(truncate(node.value))}`;
  return `the ${typeof node.value} ${String(node.value)}`;
}

/** Turns a node back into plain JSON data (used to write a file back unchanged). */
export function toPlainValue(node: ConfigNode): unknown {
  if (node.kind === "scalar") return node.value;
  if (node.kind === "list") return node.items.map(toPlainValue);
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: a key named "__proto__" must stay a key, never replace the prototype.
  for (const entry of node.entries) Object.defineProperty(out, entry.key, { value: toPlainValue(entry.value), enumerable: true, writable: true, configurable: true });
  return out;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** "subs.json line 14: `url` is missing ..." (STYLE rule 9). */
export function formatProblem(problem: ConfigProblem): string {
  return `${basename(problem.file)} line ${problem.line}: ${problem.message}`;
}

/** All problems in one failure, sorted by file and line; `file` and `line` are the first one's. */
export function problemsToFailure(problems: ConfigProblem[]): Failure {
  const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const first = sorted[0] as ConfigProblem;
  const shown = sorted.slice(0, MAX_PROBLEMS_SHOWN).map(formatProblem);
  if (sorted.length > MAX_PROBLEMS_SHOWN) shown.push(`... and ${sorted.length - MAX_PROBLEMS_SHOWN} more problems`);
  return { code: "sources.invalid", message: shown.join("\n"), file: first.file, line: first.line };
}
