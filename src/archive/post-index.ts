// The derived post index `.newsmirror/index.jsonl`: link key -> file name, latest title and content hash.
import { open } from "node:fs/promises";
import { ok, type Result } from "../result.js";
import { errnoCode, ioFail } from "./io-failure.js";
import { AppendFile, readLines } from "./line-file.js";

/*
 * One JSON object a line, appended when a post is written or revised; the last line for a key wins.
 * `newsmirror reindex` rewrites it from `_posts/`. Memory is what limits a mirror of a million posts (the
 * ledger's Set already takes about 130 MB there), so only numbers are held: a 53-bit hash of the key (and of
 * the guid) to a 30-bit hash of the latest title, a few dozen bytes an entry. A hash says only "maybe
 * changed": the record itself (file name, previous title) is then read back from the file, and a hash
 * collision is caught there. Lines start `{"k":...,"th":...,"g":...` so loading needs no JSON.parse.
 */
export const INDEX_FILE = "index.jsonl";

/**
 * The index's first line: which link keys its lines hold. Bumped whenever `normalizeLink` changes, so that an
 * index keyed the old way is rebuilt from the posts when the mirror is opened (`openLocked`): its keys would no
 * longer match, and a known post would lose its file name in the revision history. Version 2: links and keys
 * drop the same tracking parameters (the content stage's list). Loading skips it: it is no record.
 */
export const INDEX_HEADER = '{"newsmirror-index":2}';

/**
 * Whether the index at `path` is keyed as today ("current"), holds nothing yet ("empty": missing, or created
 * and never written), or was written under other link keys or before they had a version ("stale").
 */
export async function indexKeying(path: string): Promise<Result<"current" | "empty" | "stale">> {
  try {
    const handle = await open(path, "r");
    try {
      const head = Buffer.alloc(INDEX_HEADER.length + 1);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      if (bytesRead === 0) return ok("empty");
      return ok(head.subarray(0, bytesRead).toString("utf8") === `${INDEX_HEADER}\n` ? "current" : "stale");
    } finally {
      await handle.close();
    }
  } catch (error) {
    return errnoCode(error) === "ENOENT" ? ok("empty") : ioFail(error, "read", path);
  }
}

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

/** The start of a line as `recordLine` writes it: raw JSON key, title hash, raw JSON guid or null. */
const LINE_HEAD = /^\{"k":("(?:[^"\\]|\\.)*"),"th":(\d+),"g":("(?:[^"\\]|\\.)*"|null)/;

export class PostIndex {
  /** keyHash -> titleHash. */
  private readonly titles = new Map<number, number>();
  /** guidHash -> keyHash, for items whose guid differs from the link. */
  private readonly keysByGuid = new Map<number, number>();
  private loaded = false;

  constructor(
    private readonly path: string,
    private readonly file: AppendFile,
  ) {}

  /** Reads the whole index once, on first use. */
  async load(): Promise<Result<void>> {
    if (this.loaded) return ok(undefined);
    const read = await readLines(this.path, (line) => {
      const head = LINE_HEAD.exec(line);
      if (head === null) return; // a line cut by a crash: the next reindex rewrites the file
      this.remember(wideHash(head[1] as string), Number(head[2]), head[3] === "null" ? null : wideHash(head[3] as string));
    });
    if (read.ok) this.loaded = true;
    return read;
  }

  /** The title hash held for this link key, else for this guid; null when the index has neither. */
  titleHashOf(key: string, guid: string | null): number | null {
    const byKey = this.titles.get(wideHash(JSON.stringify(key)));
    if (byKey !== undefined) return byKey;
    if (guid === null) return null;
    const keyHash = this.keysByGuid.get(wideHash(JSON.stringify(guid)));
    return keyHash === undefined ? null : (this.titles.get(keyHash) ?? null);
  }

  async add(record: IndexRecord): Promise<Result<void>> {
    const appended = await this.file.append([recordLine(record)]);
    if (appended.ok) this.remember(wideHash(JSON.stringify(record.k)), titleHash(record.t), record.g === null ? null : wideHash(JSON.stringify(record.g)));
    return appended;
  }

  /** The last record for this key (or, when there is none, for this guid), read from the file. */
  async lastRecord(key: string, guid: string | null): Promise<Result<IndexRecord | null>> {
    let byKey: IndexRecord | null = null;
    let byGuid: IndexRecord | null = null;
    const keyNeedle = `{"k":${JSON.stringify(key)},`;
    const guidNeedle = guid === null ? null : `"g":${JSON.stringify(guid)},`;
    const read = await readLines(this.path, (line) => {
      const isKey = line.startsWith(keyNeedle);
      if (!isKey && (guidNeedle === null || !line.includes(guidNeedle))) return;
      const record = parseRecord(line);
      if (record === null) return;
      if (isKey) byKey = withFileName(record, byKey);
      else if (record.g === guid) byGuid = withFileName(record, byGuid);
    });
    return read.ok ? ok(byKey ?? byGuid) : read;
  }

  sync(): Promise<Result<void>> {
    return this.file.sync();
  }

  close(): Promise<void> {
    return this.file.close();
  }

  private remember(keyHash: number, title: number, guidHash: number | null): void {
    this.titles.set(keyHash, title);
    if (guidHash !== null) this.keysByGuid.set(guidHash, keyHash);
  }
}

/** One index line: `k`, `th` and `g` first (read without JSON.parse), then the rest. */
export function recordLine(record: IndexRecord): string {
  return JSON.stringify({ k: record.k, th: titleHash(record.t), g: record.g, f: record.f, t: record.t, h: record.h });
}

/** A 30-bit title hash: small enough to stay an unboxed integer in a Map. */
export function titleHash(title: string): number {
  return fnv1a(title, 0x811c9dc5) >>> 2;
}

/** FNV-1a over UTF-16 units as 8 hex digits: enough to notice an edit, not a security hash. */
export function hashText(text: string): string {
  return fnv1a(text, 0x811c9dc5).toString(16).padStart(8, "0");
}

/** A 53-bit hash from two FNV-1a passes with different seeds (about 1 chance in 10,000 of any collision among a million keys). */
function wideHash(text: string): number {
  return fnv1a(text, 0x811c9dc5) * 0x200000 + (fnv1a(text, 0x050c5d1f) >>> 11);
}

function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function withFileName(record: IndexRecord, previous: IndexRecord | null): IndexRecord {
  return record.f === null && previous !== null ? { ...record, f: previous.f } : record;
}

/** One index line as a record, or null for a cut or foreign line. */
export function parseRecord(line: string): IndexRecord | null {
  try {
    const value = JSON.parse(line) as Partial<IndexRecord>;
    if (typeof value.k !== "string" || typeof value.t !== "string" || typeof value.h !== "string") return null;
    return { k: value.k, g: typeof value.g === "string" ? value.g : null, f: typeof value.f === "string" ? value.f : null, t: value.t, h: value.h };
  } catch {
    return null;
  }
}
