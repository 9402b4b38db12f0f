// subs.json, the original system's feed list: a JSON array of { "site", "url" } with optional option keys.
// Read with lines for messages; written back the way the original script wrote it,
// `JSON.stringify(list, undefined, 4)`, so both systems can share the file.
import type { ConfigProblem } from "./config-node.js";
import { toPlainValue } from "./config-node.js";
import { readJsonWithLines } from "./json-reader.js";
import { readSourceEntry, type DeclaredSource } from "./source-entry.js";

export const SUBS_JSON = "subs.json";

export interface SubsJsonReading {
  sources: DeclaredSource[];
  problems: ConfigProblem[];
}

/** Reads subs.json text; `file` is the path named in problems. */
export function readSubsJson(text: string, file: string): SubsJsonReading {
  const parsed = readJsonWithLines(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    return { sources: [], problems: [{ file, line, message: `not valid JSON at column ${column}: ${message}` }] };
  }
  const root = parsed.node;
  if (root.kind !== "list") {
    const message = "must be a JSON array of entries like { \"site\": \"BBC\", \"url\": \"https://...\" }";
    return { sources: [], problems: [{ file, line: root.line, message }] };
  }
  const sources: DeclaredSource[] = [];
  const problems: ConfigProblem[] = [];
  root.items.forEach((item, index) => {
    const reading = readSourceEntry(item, file, index, true);
    problems.push(...reading.problems);
    if (reading.source) sources.push(reading.source);
  });
  return { sources, problems };
}

/** The file's entries as plain objects, every key kept, for editing and writing back. */
export function readSubsJsonEntries(text: string): Array<Record<string, unknown>> | null {
  const parsed = readJsonWithLines(text);
  if (!parsed.ok || parsed.node.kind !== "list") return null;
  return parsed.node.items.map((item) => toPlainValue(item) as Record<string, unknown>);
}

/** The original script's layout: 4-space indent; a final newline only when the file had one. */
export function formatSubsJson(entries: ReadonlyArray<Record<string, unknown>>, finalNewline: boolean): string {
  return JSON.stringify(entries, undefined, 4) + (finalNewline ? "\n" : "");
}
