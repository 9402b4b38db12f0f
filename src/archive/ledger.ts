// The URL ledger `allurls.dat` (one href a line, as the original wrote it) and `allguids.dat` beside it.
import { join } from "node:path";
import { ok, type Result } from "../result.js";
import { AppendFile, readLines } from "./line-file.js";
import { KeySet } from "./key-set.js";
import { normalizeLink } from "./link-key.js";

/*
 * `allurls.dat` stays the original's file: one `new URL(link).href` a line, only ever appended to, so an old
 * mirror and its scripts keep working. Matching is per line on `normalizeLink` keys held in a KeySet (never a
 * substring search of the whole file, the original's bug). `allguids.dat` holds the guid of each item whose
 * guid differs from its link, for feeds whose links change while the guid stays.
 *
 * New lines are held in memory until `flush`, which the archive calls only after the posts they stand for
 * are fsynced: a ledger line on disk therefore always has its post on disk, even after a power cut. Lines
 * lost with a killed process are rebuilt from the staged posts (post-store.ts).
 */
export const LEDGER_FILE = "allurls.dat";
export const GUID_FILE = "allguids.dat";

export class Ledger {
  private pendingLinks: string[] = [];
  private pendingGuids: string[] = [];

  private constructor(
    private readonly links: KeySet,
    private readonly guids: KeySet,
    private readonly linkFile: AppendFile,
    private readonly guidFile: AppendFile,
  ) {}

  /** Loads both files of the mirror in `dir` once and opens them for appending. */
  static async open(dir: string): Promise<Result<Ledger>> {
    const links = new KeySet();
    const guids = new KeySet();
    const readLinks = await readLines(join(dir, LEDGER_FILE), (line) => {
      if (line.trim() !== "") links.add(normalizeLink(line));
    });
    if (!readLinks.ok) return readLinks;
    const readGuids = await readLines(join(dir, GUID_FILE), (line) => {
      if (line.trim() !== "") guids.add(line.trim());
    });
    if (!readGuids.ok) return readGuids;
    const linkFile = await AppendFile.open(join(dir, LEDGER_FILE));
    if (!linkFile.ok) return linkFile;
    const guidFile = await AppendFile.open(join(dir, GUID_FILE));
    if (!guidFile.ok) {
      await linkFile.value.close();
      return guidFile;
    }
    return ok(new Ledger(links, guids, linkFile.value, guidFile.value));
  }

  get size(): number {
    return this.links.size;
  }

  /** Known when the link's key is a ledger line, or the guid is (as a guid, or as a link the original wrote for it). */
  isKnown(link: string, guid: string | null): boolean {
    if (this.links.has(normalizeLink(link))) return true;
    if (guid === null || guid.trim() === "") return false;
    return this.guids.has(guid.trim()) || this.links.has(normalizeLink(guid));
  }

  hasLinkKey(key: string): boolean {
    return this.links.has(key);
  }

  /** Records an item: its href for `allurls.dat`, its guid for `allguids.dat` when that differs from the link. */
  record(href: string, guid: string | null): void {
    const key = normalizeLink(href);
    if (!this.links.has(key) && !/[\r\n]/.test(href)) {
      this.links.add(key);
      this.pendingLinks.push(href);
    }
    const cleanGuid = guid?.trim() ?? "";
    if (cleanGuid !== "" && cleanGuid !== href && !/[\r\n]/.test(cleanGuid) && !this.guids.has(cleanGuid)) {
      this.guids.add(cleanGuid);
      this.pendingGuids.push(cleanGuid);
    }
  }

  hasGuid(guid: string): boolean {
    return this.guids.has(guid.trim());
  }

  /** Records the links whose key is not yet known (import of an old ledger); returns how many were new. */
  recordLinks(hrefs: readonly string[]): number {
    const before = this.pendingLinks.length;
    for (const href of hrefs) this.record(href, null);
    return this.pendingLinks.length - before;
  }

  /** Records guids not yet known; returns how many were new. */
  recordGuids(guids: readonly string[]): number {
    let added = 0;
    for (const guid of guids) {
      const clean = guid.trim();
      if (clean === "" || this.guids.has(clean) || /[\r\n]/.test(clean)) continue;
      this.guids.add(clean);
      this.pendingGuids.push(clean);
      added += 1;
    }
    return added;
  }

  /** Appends the recorded lines in one write per file and fsyncs both files. */
  async flush(): Promise<Result<void>> {
    const links = await this.linkFile.append(this.pendingLinks);
    if (!links.ok) return links;
    this.pendingLinks = [];
    const guids = await this.guidFile.append(this.pendingGuids);
    if (!guids.ok) return guids;
    this.pendingGuids = [];
    const synced = await this.linkFile.sync();
    return synced.ok ? this.guidFile.sync() : synced;
  }

  /** Closes both files; lines not flushed are dropped (their staged posts still hold them, see post-store.ts). */
  async close(): Promise<void> {
    await this.linkFile.close();
    await this.guidFile.close();
  }
}
