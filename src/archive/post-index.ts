// The derived post index `.newsmirror/index.jsonl`: link key -> file name, latest title and content hash.
import { ok, type Result } from "../result.js";
import { AppendFile, readLines } from "./line-file.js";

/*
 * One JSON object a line, appended when a post is written or revised; the last line for a key wins.
 * `newsmirror reindex` rewrites it from `_posts/`. In memory only a 16-character fingerprint per key is held
 * (title hash + content hash), so a mirror of a million posts fits the memory budget; the file name and the
 * previous title, needed only for the rare revision, are found by reading the file again.
 */
export const INDEX_FILE = "index.jsonl";

export interface IndexRecord {
  /** normalizeLink of the post's link. */
  k: string;
  /** The item's guid when it differs from the link. */
  g: string | null;
  /** File name in `_posts/`, null when the post is not known by name (an item from an old ledger). */
  f: string | null;
  /** Latest front-matter title. */
  t: string;
  /** hashText of the article HTML. */
  h: string;
}

export class PostIndex {
  private readonly fingerprints = new Map<string, string>();
  private readonly keyByGuid = new Map<string, string>();
  private loaded = false;

  constructor(
    private readonly path: string,
    private readonly file: AppendFile,
  ) {}

  /** Reads the whole index once, on first use. */
  async load(): Promise<Result<void>> {
    if (this.loaded) return ok(undefined);
    const read = await readLines(this.path, (line) => {
      const record = parseRecord(line);
      if (record !== null) this.remember(record);
    });
    if (read.ok) this.loaded = true;
    return read;
  }

  /** The link key the index holds for this link key or guid, if any. */
  keyFor(key: string, guid: string | null): string | null {
    if (this.fingerprints.has(key)) return key;
    return guid === null ? null : (this.keyByGuid.get(guid.trim()) ?? null);
  }

  fingerprint(key: string): string | null {
    return this.fingerprints.get(key) ?? null;
  }

  async add(record: IndexRecord): Promise<Result<void>> {
    const appended = await this.file.append([JSON.stringify(record)]);
    if (appended.ok) this.remember(record);
    return appended;
  }

  /** The last full record for `key`, read from the file (used only when a title changed). */
  async lastRecord(key: string): Promise<Result<IndexRecord | null>> {
    let last: IndexRecord | null = null;
    const needle = JSON.stringify(key);
    const read = await readLines(this.path, (line) => {
      if (!line.includes(needle)) return;
      const record = parseRecord(line);
      if (record !== null && record.k === key) last = record.f === null && last !== null ? { ...record, f: last.f } : record;
    });
    return read.ok ? ok(last) : read;
  }

  sync(): Promise<Result<void>> {
    return this.file.sync();
  }

  close(): Promise<void> {
    return this.file.close();
  }

  private remember(record: IndexRecord): void {
    this.fingerprints.set(record.k, fingerprintOf(record.t, record.h));
    if (record.g !== null && record.g !== "") this.keyByGuid.set(record.g, record.k);
  }
}

/** Title hash followed by content hash, both from hashText. */
export function fingerprintOf(title: string, htmlHash: string): string {
  return hashText(title) + htmlHash;
}

/** FNV-1a over UTF-16 units as 8 hex digits: enough to notice an edit, not a security hash. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

function parseRecord(line: string): IndexRecord | null {
  if (line.trim() === "") return null;
  try {
    const value = JSON.parse(line) as Partial<IndexRecord>;
    if (typeof value.k !== "string" || typeof value.t !== "string" || typeof value.h !== "string") return null;
    return { k: value.k, g: typeof value.g === "string" ? value.g : null, f: typeof value.f === "string" ? value.f : null, t: value.t, h: value.h };
  } catch {
    return null; // a line cut by a crash: the next reindex rewrites the file
  }
}
