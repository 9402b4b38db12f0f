// `sources add | remove | import`: edits subs.json or newsmirror.yml in place, keeping the user's layout.
//
// Where a new source goes: subs.json when the mirror has one (with its options as extra keys, which
// the original script ignores), else the `sources:` list of newsmirror.yml, as a one-line flow map.
// Removing takes the source out of both files. subs.json is rewritten as the original script wrote
// it (4-space JSON); newsmirror.yml through the `yaml` Document API, so comments and the rest stay.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLSeq } from "yaml";
import { fail, ok, type Result } from "../result.js";
import { writeFileAtomically } from "./atomic-write.js";
import type { ConfigNode } from "./config-node.js";
import type { MirrorConfig, SourceOptions } from "./index.js";
import { loadMirrorConfig } from "./load-config.js";
import { MIRROR_YML } from "./mirror-yml.js";
import { OPTION_FILE_KEYS } from "./option-schema.js";
import { readSourceEntry } from "./source-entry.js";
import { formatSubsJson, readSubsJsonEntries, SUBS_JSON } from "./subs-json.js";
import { sourceKey } from "./url.js";

/** A source to add: its site, URL and any options (TS names). */
export type SourceEntry = { site: string; url: string } & Partial<SourceOptions>;

type FileEntry = Record<string, unknown>;

/**
 * Adds one source. Fails with "sources.invalid" when an option is wrong, "sources.duplicate"
 * when the URL is already a source, and with the config's own failure when it does not load.
 */
export async function addSource(dir: string, entry: SourceEntry): Promise<Result<void>> {
  const config = await loadMirrorConfig(dir);
  if (!config.ok) return config;
  const fileEntry = toFileEntry(entry);
  const checked = checkNewEntry(fileEntry);
  if (!checked.ok) return checked;
  const known = config.value.sources.find((source) => sourceKey(source.url) === sourceKey(entry.url));
  if (known) {
    return fail({
      code: "sources.duplicate",
      message: `${entry.url} is already a source (${known.site}, ${describeOrigin(known.origin)}); remove it first to change it`,
      url: entry.url,
    });
  }
  return appendEntries(dir, config.value, [fileEntry]);
}

/**
 * Adds the entries whose URL is not yet a source (nor earlier in `entries`), e.g. from OPML.
 * Every entry is checked before anything is written.
 */
export async function importSources(
  dir: string,
  entries: SourceEntry[],
): Promise<Result<{ added: number; skipped: number }>> {
  const config = await loadMirrorConfig(dir);
  if (!config.ok) return config;
  const seen = new Set(config.value.sources.map((source) => sourceKey(source.url)));
  const fresh: FileEntry[] = [];
  for (const entry of entries) {
    const key = sourceKey(entry.url);
    if (seen.has(key)) continue;
    seen.add(key);
    const fileEntry = toFileEntry(entry);
    const checked = checkNewEntry(fileEntry);
    if (!checked.ok) return checked;
    fresh.push(fileEntry);
  }
  if (fresh.length > 0) {
    const written = await appendEntries(dir, config.value, fresh);
    if (!written.ok) return written;
  }
  return ok({ added: fresh.length, skipped: entries.length - fresh.length });
}

/**
 * Removes every source whose URL (compared as a URL) or exact site name is `urlOrSite`, from
 * subs.json and newsmirror.yml alike; `removed` counts sources, 0 when nothing matched.
 */
export async function removeSource(dir: string, urlOrSite: string): Promise<Result<{ removed: number }>> {
  const config = await loadMirrorConfig(dir);
  if (!config.ok) return config;
  const wanted = sourceKey(urlOrSite);
  const matched = config.value.sources.filter((source) => source.site === urlOrSite || sourceKey(source.url) === wanted);
  if (matched.length === 0) return ok({ removed: 0 });
  const keys = new Set(matched.map((source) => sourceKey(source.url)));
  const isRemoved = (url: unknown): boolean => typeof url === "string" && keys.has(sourceKey(url));
  try {
    const subsFile = join(dir, SUBS_JSON);
    if (config.value.files.includes(subsFile)) {
      const text = await readFile(subsFile, "utf8");
      const entries = readSubsJsonEntries(text) ?? [];
      const kept = entries.filter((entry) => !isRemoved(entry.url));
      if (kept.length !== entries.length) await writeFileAtomically(subsFile, formatSubsJson(kept, text.endsWith("\n")));
    }
    const ymlFile = join(dir, MIRROR_YML);
    if (config.value.files.includes(ymlFile)) {
      const doc = parseDocument(await readFile(ymlFile, "utf8"));
      const list = doc.get("sources", true);
      if (isSeq(list)) {
        const before = list.items.length;
        list.items = list.items.filter((item) => !(isMap(item) && isRemoved(scalarText(item.get("url", true)))));
        if (list.items.length !== before) await writeFileAtomically(ymlFile, formatYaml(doc));
      }
    }
  } catch (error) {
    return fail(writeFailure(dir, error));
  }
  return ok({ removed: matched.length });
}

async function appendEntries(dir: string, config: MirrorConfig, entries: FileEntry[]): Promise<Result<void>> {
  const subsFile = join(dir, SUBS_JSON);
  const ymlFile = join(dir, MIRROR_YML);
  try {
    if (config.files.includes(subsFile)) {
      const text = await readFile(subsFile, "utf8");
      const existing = readSubsJsonEntries(text) ?? [];
      await writeFileAtomically(subsFile, formatSubsJson([...existing, ...entries], text.endsWith("\n")));
    } else {
      const doc = parseDocument(await readFile(ymlFile, "utf8"));
      appendToYamlList(doc, entries);
      await writeFileAtomically(ymlFile, formatYaml(doc));
    }
  } catch (error) {
    return fail(writeFailure(dir, error));
  }
  return ok(undefined);
}

/** Appends one-line flow maps to `sources:`, making the list when the file has none. */
function appendToYamlList(doc: Document, entries: FileEntry[]): void {
  let list = doc.get("sources", true) as YAMLSeq | undefined;
  if (!isSeq(list)) {
    list = doc.createNode([]) as YAMLSeq;
    if (doc.contents === null || !isMap(doc.contents)) doc.contents = doc.createNode({}) as never;
    doc.set("sources", list);
  }
  if (list.items.length === 0) list.flow = false;
  for (const entry of entries) {
    const node = doc.createNode(entry);
    if (isMap(node)) node.flow = true;
    list.items.push(node);
  }
}

/** lineWidth 0: never fold a long URL or flow map onto a second line. */
function formatYaml(doc: Document): string {
  return doc.toString({ lineWidth: 0 });
}

function scalarText(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** Options in file form (snake_case keys), `site` and `url` first as in the original files. */
function toFileEntry(entry: SourceEntry): FileEntry {
  const out: FileEntry = { site: entry.site, url: entry.url };
  for (const [field, key] of OPTION_FILE_KEYS) if (entry[field] !== undefined) out[key] = entry[field];
  return out;
}

/** Runs the same checks as loading a file, so nothing is written that would not load. */
function checkNewEntry(entry: FileEntry): Result<void> {
  const reading = readSourceEntry(plainToNode(entry), "(new source)", 0, true);
  if (reading.problems.length === 0) return ok(undefined);
  return fail({
    code: "sources.invalid",
    message: `the new source ${String(entry.url)}: ${reading.problems.map((problem) => problem.message).join("; ")}`,
    url: String(entry.url),
  });
}

function plainToNode(value: unknown): ConfigNode {
  if (Array.isArray(value)) return { kind: "list", line: 1, items: value.map(plainToNode) };
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => ({ key, line: 1, value: plainToNode(item) }));
    return { kind: "map", line: 1, entries };
  }
  const scalar = typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null;
  return { kind: "scalar", line: 1, value: scalar };
}

function describeOrigin(origin: { file: string; line: number }): string {
  const name = origin.file.endsWith(MIRROR_YML) ? MIRROR_YML : SUBS_JSON;
  return `${name} line ${origin.line}`;
}

function writeFailure(dir: string, error: unknown) {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return {
    code: "sources.unwritable",
    message: `cannot update the source list in ${dir} (${code}); check that the files are writable`,
    file: dir,
    cause: error,
  };
}
