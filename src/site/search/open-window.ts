// Posting lists of the window being filled: kept in parts, sealed into one segment when the window is full.
// Document numbers are cut into windows of `windowDocs` and each window into parts of `partDocs`. An append
// rewrites only the parts it touches (a few hundred small files); the build that fills a window writes it
// once as a sealed segment with more shards, and removes its parts. Every segment writes all its shard
// files, empty ones too, so no file of an earlier build can outlive the postings it held.
import { engine, type Fold, type SegmentInfo } from "./engine.js";
import { loadPart, removePart, savePart, type IndexState, type PartPostings } from "./search-state.js";

export interface ShardSink {
  write(path: string, value: unknown): Promise<void>;
  remove(path: string): Promise<void>;
}

/** A token's postings in one part: the encoded part, and pairs (document number, impact) added since,
 * encoded at the next write (pushing numbers is several times cheaper than growing a string). */
interface Entry {
  df: number;
  last: number;
  encoded: string;
  tail: number[];
}

export class OpenWindow {
  private readonly parts = new Map<number, Map<string, Entry>>();
  private readonly touched = new Set<number>();

  constructor(
    private readonly state: IndexState,
    private readonly stateDir: string,
    private readonly fold: Fold,
    private readonly sink: ShardSink,
  ) {}

  /** Adds document `num` (numbers only grow, one after the other); seals the window it fills. */
  async add(num: number, title: string, text: string, source: string): Promise<void> {
    const window = this.windowOf(num);
    const part = Math.floor((num - 1 - window * this.state.windowDocs) / this.state.partDocs);
    const entries = await this.part(part);
    const { counts, length } = engine.countDocTokens(title, text, this.fold);
    counts.set(engine.sourceToken(source), 1);
    this.state.lengthSum += length;
    this.state.lengthCount += 1;
    const average = this.state.lengthSum / this.state.lengthCount;
    for (const [token, tf] of counts) {
      const impact = engine.impactOf(tf, length, average);
      const entry = entries.get(token);
      if (entry === undefined) entries.set(token, { df: 1, last: 0, encoded: "", tail: [num, impact] });
      else {
        entry.df += 1;
        entry.tail.push(num, impact);
      }
    }
    this.touched.add(part);
    // A full part goes to the state folder and leaves memory: a window's 16 parts held as maps of small
    // objects took over 1 GB at 8,192 documents; one part at a time stays far under the 2 GB allowed.
    const partBase = window * this.state.windowDocs + part * this.state.partDocs;
    if (num - partBase === this.state.partDocs) await this.store(part, num);
    if (num % this.state.windowDocs === 0) await this.seal(window);
  }

  /** Writes the parts changed since the last call as segments and saves their postings. */
  async finish(upTo: number): Promise<void> {
    const window = this.windowOf(upTo + 1);
    // parts that filled up were stored then; only the one still filling is stored here
    const filling = Math.floor((upTo - window * this.state.windowDocs) / this.state.partDocs);
    for (const part of [...this.touched].sort((a, b) => a - b)) {
      const info = this.partInfo(window, part);
      const entries = await this.part(part);
      await this.writeSegment(info, entries);
      if (part === filling) await this.store(part, upTo);
      this.parts.delete(part);
      if (!this.state.segments.includes(info.key)) this.state.segments.push(info.key);
    }
    this.touched.clear();
  }

  /** Saves a part's postings (up to document `upTo`) in the state folder and drops them from memory. */
  private async store(part: number, upTo: number): Promise<void> {
    const entries = this.parts.get(part);
    if (entries === undefined) return;
    const base = this.windowOf(upTo) * this.state.windowDocs + part * this.state.partDocs;
    const rows: Array<[string, PartPostings]> = [];
    for (const [token, entry] of entries) {
      encodeTail(entry, base);
      rows.push([token, [entry.df, entry.last, entry.encoded]]);
    }
    const last = Math.min(upTo, base + this.state.partDocs);
    await savePart(this.stateDir, part, last, rows);
    this.state.parts[String(part)] = last;
    this.parts.delete(part);
  }

  /** The segments a query must read, in document order. */
  segments(): SegmentInfo[] {
    const s = this.state;
    const sealed = Math.floor(s.lastNum / s.windowDocs);
    const out: SegmentInfo[] = [];
    for (let w = 0; w < sealed; w++) out.push(this.windowInfo(w));
    const open = s.lastNum - sealed * s.windowDocs;
    for (let part = 0; part * s.partDocs < open; part++) out.push(this.partInfo(sealed, part));
    return out;
  }

  private windowOf(num: number): number {
    return Math.floor((num - 1) / this.state.windowDocs);
  }

  private windowInfo(window: number): SegmentInfo {
    const s = this.state;
    return { key: String(window), first: window * s.windowDocs + 1, shards: s.windowShards, unigramShards: s.windowUnigramShards };
  }

  private partInfo(window: number, part: number): SegmentInfo {
    const s = this.state;
    return { key: `${window}.${part}`, first: window * s.windowDocs + part * s.partDocs + 1, shards: s.partShards, unigramShards: s.partUnigramShards };
  }

  private async part(part: number): Promise<Map<string, Entry>> {
    let entries = this.parts.get(part);
    if (entries !== undefined) return entries;
    entries = new Map();
    if (this.state.parts[String(part)] !== undefined) {
      for (const [token, [df, last, encoded]] of await loadPart(this.stateDir, part)) entries.set(token, { df, last, encoded, tail: [] });
    }
    this.parts.set(part, entries);
    return entries;
  }

  /** Merges the window's parts into one segment, writes it, and removes the parts' files. */
  private async seal(window: number): Promise<void> {
    const s = this.state;
    const info = this.windowInfo(window);
    const merged = new Map<string, Entry>();
    const partCount = Math.ceil(s.windowDocs / s.partDocs);
    for (let part = 0; part < partCount; part++) {
      const entries = await this.part(part);
      const partBase = this.partInfo(window, part).first - 1;
      for (const [token, entry] of entries) {
        encodeTail(entry, partBase);
        const into = merged.get(token);
        if (into === undefined) merged.set(token, { df: entry.df, last: entry.last, encoded: engine.rebasePostings(entry.encoded, partBase, info.first - 1), tail: [] });
        else {
          into.encoded += engine.rebasePostings(entry.encoded, partBase, into.last);
          into.df += entry.df;
          into.last = entry.last;
        }
      }
      this.parts.delete(part);
    }
    await this.writeSegment(info, merged);
    for (let part = 0; part < partCount; part++) {
      const key = `${window}.${part}`;
      if (s.segments.includes(key)) await removeSegment(this.sink, this.partInfo(window, part));
      await removePart(this.stateDir, part);
    }
    s.segments = s.segments.filter((k) => !k.startsWith(`${window}.`));
    if (!s.segments.includes(info.key)) s.segments.push(info.key);
    s.parts = {};
    this.parts.clear();
    this.touched.clear();
  }

  private async writeSegment(info: SegmentInfo, entries: Map<string, Entry>): Promise<void> {
    const buckets = new Map<string, Record<string, [number, string]>>();
    for (const path of segmentPaths(info)) buckets.set(path, {});
    for (const [token, entry] of entries) {
      encodeTail(entry, info.first - 1);
      const bucket = buckets.get(engine.tokenPath(token, info));
      if (bucket !== undefined) bucket[token] = [entry.df, entry.encoded];
    }
    for (const [path, bucket] of buckets) await this.sink.write(path, bucket);
  }
}

/** Every shard file of a segment. */
export function segmentPaths(info: SegmentInfo): string[] {
  const out: string[] = [];
  for (let i = 0; i < info.shards; i++) out.push(engine.postingPath(info.key, i));
  for (let i = 0; i < info.unigramShards; i++) out.push(engine.unigramPath(info.key, i));
  return out;
}

export async function removeSegment(sink: ShardSink, info: SegmentInfo): Promise<void> {
  for (const path of segmentPaths(info)) await sink.remove(path);
}

/** Moves a token's new postings into its encoded list; the first gap counts from the segment's base. */
function encodeTail(entry: Entry, base: number): void {
  if (entry.tail.length === 0) return;
  const parts: string[] = [entry.encoded];
  let last = entry.last === 0 ? base : entry.last;
  for (let i = 0; i < entry.tail.length; i += 2) {
    const num = entry.tail[i] as number;
    parts.push(engine.encodePosting(num - last, entry.tail[i + 1] as number));
    last = num;
  }
  entry.encoded = parts.join("");
  entry.last = last;
  entry.tail = [];
}
