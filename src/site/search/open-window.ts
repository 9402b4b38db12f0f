// Posting lists of the window being filled: kept in parts, sealed into one segment when the window is full.
// Document numbers are cut into windows of `windowDocs` and each window into parts of `partDocs`. An append
// rewrites only the parts it touches (a few hundred small files). A window filled by a full build is sealed
// at once; one filled by an incremental build is sealed one slice a build over the next SLICES builds
// (each slice built from one saved file of each part), while the manifest keeps listing its parts; after
// the last slice the parts leave the manifest, and their files are removed over the builds that follow.
// Every segment writes all its shard files, empty ones too, so no file of an earlier build can outlive the
// postings it held.
import { engine, type Fold, type SegmentInfo } from "./engine.js";
import { SLICES, loadPart, loadPartSlice, removePart, savePart, type IndexState, type PartPostings } from "./search-state.js";

export interface ShardSink {
  write(path: string, value: unknown): Promise<void>;
  remove(path: string): Promise<void>;
}

/** [document frequency, last document number, encoded postings] of one token in one segment. */
type Row = PartPostings;

/** A part: encoded rows by token id, plus postings added since as (token id, doc number, impact) triples.
 * Appending numbers to one typed array and grouping them once per part costs far less time and memory
 * than a map entry and an array per token per document. */
interface Part {
  rows: Map<number, Row>;
  log: Int32Array;
  logged: number;
}

/** One part's rows and the base its first gaps count from, as the merge reads them. */
interface PartRows {
  base: number;
  rows: Iterable<[string, Row]>;
}

export class OpenWindow {
  /** Parts in memory by key ("4.0": window 4, part 0). */
  private readonly parts = new Map<string, Part>();
  private readonly touched = new Set<string>();
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private stamp = new Int32Array(1 << 16);
  private weight = new Int32Array(1 << 16);
  private readonly docTokens: number[] = [];
  /** The window that was sealing when this build started: only it writes a slice in this build. */
  private readonly sealingAtStart: number | null;
  /** How many parts were retiring when this build started: parts that leave the manifest in this build
   * keep their files until a later build, since a manifest written before this build lists them. */
  private readonly retiringAtStart: number;
  /** Part state files to remove once a state that no longer lists them is saved. */
  private readonly dropAfterSave: string[] = [];
  /** True when this build changed the segments a query reads without adding or removing a document. */
  segmentsChanged = false;

  constructor(
    private readonly state: IndexState,
    private readonly stateDir: string,
    private readonly fold: Fold,
    private readonly sink: ShardSink,
  ) {
    this.sealingAtStart = state.sealing?.window ?? null;
    this.retiringAtStart = state.retiring.length;
  }

  /** Adds document `num` (numbers only grow, one after the other); seals or starts sealing the window it fills. */
  async add(num: number, title: string, text: string, source: string): Promise<void> {
    const window = this.windowOf(num);
    const partNo = Math.floor((num - 1 - window * this.state.windowDocs) / this.state.partDocs);
    const key = `${window}.${partNo}`;
    const part = await this.part(key);
    this.docTokens.length = 0;
    const count = (token: string, w: number): void => {
      const id = this.idOf(token);
      if (this.stamp[id] !== num) {
        this.stamp[id] = num;
        this.weight[id] = w;
        this.docTokens.push(id);
      } else this.weight[id] = (this.weight[id] as number) + w;
    };
    const length = engine.scanDoc(title, text, this.fold, count);
    count(engine.sourceToken(source), 1);
    this.state.lengthSum += length;
    this.state.lengthCount += 1;
    const average = this.state.lengthSum / this.state.lengthCount;
    for (const id of this.docTokens) appendLog(part, id, num, engine.impactOf(this.weight[id] as number, length, average));
    this.touched.add(key);
    const partBase = window * this.state.windowDocs + partNo * this.state.partDocs;
    if (num - partBase === this.state.partDocs) flushLog(part, partBase);
    if (num % this.state.windowDocs === 0) await this.filled(window, num);
  }

  /** Writes the parts changed since the last call as segments and saves their postings. */
  async finish(upTo: number): Promise<void> {
    const keys = [...this.touched].sort(byPartKey);
    for (const key of keys) await this.savePart(key, upTo);
    this.touched.clear();
  }

  /** The work spread over builds, done once per build after `finish`: removes the files of parts that left
   * the manifest in an earlier build (as many a build as spread them over SLICES builds), then writes the
   * next slice of a window that was sealing when this build started. */
  async maintain(): Promise<void> {
    const s = this.state;
    const retire = Math.min(this.retiringAtStart, Math.ceil(this.partCount() / SLICES), s.retiring.length);
    for (const key of s.retiring.slice(0, retire)) {
      const [window, partNo] = parseKey(key);
      await removeSegment(this.sink, this.partInfo(window, partNo));
      await removePart(this.stateDir, key);
    }
    const gone = new Set(s.retiring.splice(0, retire));
    if (gone.size > 0) s.segments = s.segments.filter((k) => !gone.has(k));
    if (s.sealing === null || s.sealing.window !== this.sealingAtStart) return;
    await this.sealSlice(s.sealing.window, s.sealing.next);
    s.sealing.next += 1;
    if (s.sealing.next >= SLICES) this.sealed(s.sealing.window);
  }

  /** Removes the state files of parts the saved state no longer lists; call after the state is saved. */
  async afterSave(): Promise<void> {
    for (const key of this.dropAfterSave.splice(0)) await removePart(this.stateDir, key);
  }

  /** The segments a query must read, in document order: sealed windows, the parts of a window still
   * sealing, the parts of the open window. */
  segments(): SegmentInfo[] {
    const s = this.state;
    const full = Math.floor(s.lastNum / s.windowDocs);
    const out: SegmentInfo[] = [];
    for (let w = 0; w < full; w++) {
      if (s.sealing?.window === w) for (let part = 0; part < this.partCount(); part++) out.push(this.partInfo(w, part));
      else out.push(this.windowInfo(w));
    }
    const open = s.lastNum - full * s.windowDocs;
    for (let part = 0; part * s.partDocs < open; part++) out.push(this.partInfo(full, part));
    return out;
  }

  private idOf(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(token, id);
      this.names.push(token);
      if (id >= this.stamp.length) {
        const stamp = new Int32Array(this.stamp.length * 2);
        stamp.set(this.stamp);
        this.stamp = stamp;
        const weight = new Int32Array(this.weight.length * 2);
        weight.set(this.weight);
        this.weight = weight;
      }
    }
    return id;
  }

  private windowOf(num: number): number {
    return Math.floor((num - 1) / this.state.windowDocs);
  }

  private partCount(): number {
    return Math.ceil(this.state.windowDocs / this.state.partDocs);
  }

  private windowInfo(window: number): SegmentInfo {
    const s = this.state;
    return { key: String(window), first: window * s.windowDocs + 1, shards: s.windowShards, unigramShards: s.windowUnigramShards };
  }

  private partInfo(window: number, part: number): SegmentInfo {
    const s = this.state;
    return { key: `${window}.${part}`, first: window * s.windowDocs + part * s.partDocs + 1, shards: s.partShards, unigramShards: s.partUnigramShards };
  }

  private async part(key: string): Promise<Part> {
    let part = this.parts.get(key);
    if (part !== undefined) return part;
    part = { rows: new Map(), log: new Int32Array(3 * 4096), logged: 0 };
    if (this.state.parts[key] !== undefined) {
      for (const [token, row] of await loadPart(this.stateDir, key)) part.rows.set(this.idOf(token), row);
    }
    this.parts.set(key, part);
    return part;
  }

  /** Writes a part in memory as a segment and saves its postings, sliced by the sealed shard of each token. */
  private async savePart(key: string, upTo: number): Promise<void> {
    const s = this.state;
    const [window, partNo] = parseKey(key);
    const info = this.partInfo(window, partNo);
    const part = await this.part(key);
    flushLog(part, info.first - 1);
    const rows = [...this.named(part.rows)];
    await this.writeShards(info, rows, segmentPaths(info));
    const slices: Array<Array<[string, Row]>> = Array.from({ length: SLICES }, () => []);
    for (const row of rows) (slices[this.sliceOf(row[0])] as Array<[string, Row]>).push(row);
    const last = Math.min(upTo, info.first - 1 + s.partDocs);
    await savePart(this.stateDir, key, last, slices);
    s.parts[key] = last;
    if (!s.segments.includes(key)) s.segments.push(key);
  }

  /** The slice of the sealed window segment a token goes to: its shard index there, mod SLICES (the same
   * hash and unigram test as `engine.tokenPath`). */
  private sliceOf(token: string): number {
    const s = this.state;
    const hash = engine.hashToken(token);
    return (engine.isUnigram(token) ? hash % s.windowUnigramShards : hash % s.windowShards) % SLICES;
  }

  /** Window `window` is full (its last document is `upTo`). When none of its parts was saved by an earlier
   * build (a full build), all are in memory and it is sealed at once; otherwise its changed parts are
   * saved and it starts sealing, one slice in each later build. */
  private async filled(window: number, upTo: number): Promise<void> {
    const s = this.state;
    // a window still sealing from an earlier build is finished now, so only one window seals at a time
    if (s.sealing !== null) {
      for (let slice = s.sealing.next; slice < SLICES; slice++) await this.sealSlice(s.sealing.window, slice);
      this.sealed(s.sealing.window);
    }
    const keys = Array.from({ length: this.partCount() }, (_, p) => `${window}.${p}`);
    if (keys.every((key) => s.parts[key] === undefined)) {
      const sources: PartRows[] = keys.map((key, p) => {
        const part = this.parts.get(key) ?? { rows: new Map(), log: new Int32Array(0), logged: 0 };
        const base = this.partInfo(window, p).first - 1;
        flushLog(part, base);
        return { base, rows: this.named(part.rows) };
      });
      const info = this.windowInfo(window);
      await this.writeShards(info, mergeParts(sources, info.first - 1), segmentPaths(info));
      this.sealed(window);
    } else {
      for (const key of keys) if (this.touched.has(key)) await this.savePart(key, upTo);
      s.sealing = { window, next: 0 };
      // from the first slice on, the sealed segment's files may be in the output (a full rebuild removes them)
      if (!s.segments.includes(String(window))) s.segments.push(String(window));
    }
    for (const key of keys) {
      this.parts.delete(key);
      this.touched.delete(key);
    }
    // token ids only name tokens of the open window: start afresh so the table holds one window's
    // vocabulary, not the archive's (stale stamps are older document numbers and never match)
    this.ids.clear();
    this.names.length = 0;
  }

  /** Merges slice `slice` of the window's saved parts and writes the sealed segment's shards of that slice. */
  private async sealSlice(window: number, slice: number): Promise<void> {
    const sources: PartRows[] = [];
    for (let p = 0; p < this.partCount(); p++) {
      sources.push({ base: this.partInfo(window, p).first - 1, rows: await loadPartSlice(this.stateDir, `${window}.${p}`, slice) });
    }
    const info = this.windowInfo(window);
    await this.writeShards(info, mergeParts(sources, info.first - 1), segmentPaths(info, slice));
  }

  /** The sealed segment of `window` is complete: it replaces the parts in the manifest; the parts' files
   * retire over the next builds and their saved postings go once the state is saved. */
  private sealed(window: number): void {
    const s = this.state;
    if (!s.segments.includes(String(window))) s.segments.push(String(window));
    for (let p = 0; p < this.partCount(); p++) {
      const key = `${window}.${p}`;
      if (s.segments.includes(key) && !s.retiring.includes(key)) s.retiring.push(key);
      if (s.parts[key] !== undefined) {
        delete s.parts[key];
        this.dropAfterSave.push(key);
      }
    }
    if (s.sealing?.window === window) s.sealing = null;
    this.segmentsChanged = true;
  }

  private *named(rows: Map<number, Row>): Iterable<[string, Row]> {
    for (const [id, row] of rows) yield [this.names[id] as string, row];
  }

  /** Writes the shard files `paths` of a segment from the rows of their tokens; tokens in each file sorted,
   * so the bytes never depend on history. */
  private async writeShards(info: SegmentInfo, rows: Iterable<[string, Row]>, paths: string[]): Promise<void> {
    const buckets = new Map<string, Array<[string, Row]>>();
    for (const path of paths) buckets.set(path, []);
    for (const entry of rows) {
      const bucket = buckets.get(engine.tokenPath(entry[0], info));
      if (bucket === undefined) throw new Error(`token ${JSON.stringify(entry[0])} does not belong in the shards being written for segment ${info.key}`);
      bucket.push(entry);
    }
    for (const [path, list] of buckets) {
      list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const value: Record<string, [number, string]> = {};
      for (const [token, [df, , encoded]] of list) value[token] = [df, encoded];
      await this.sink.write(path, value);
    }
  }
}

/** One merge for both seals (all slices at once, or one slice): each token's lists of the parts, in part
 * order, joined into one list whose first gap counts from `base`. */
function mergeParts(parts: readonly PartRows[], base: number): Map<string, Row> {
  const merged = new Map<string, Row>();
  for (const part of parts) {
    for (const [token, [df, last, encoded]] of part.rows) {
      const into = merged.get(token);
      if (into === undefined) merged.set(token, [df, last, engine.rebasePostings(encoded, part.base, base)]);
      else {
        into[2] += engine.rebasePostings(encoded, part.base, into[1]);
        into[0] += df;
        into[1] = last;
      }
    }
  }
  return merged;
}

function parseKey(key: string): [number, number] {
  const [window, part] = key.split(".").map(Number);
  return [window as number, part as number];
}

function byPartKey(a: string, b: string): number {
  const [wa, pa] = parseKey(a);
  const [wb, pb] = parseKey(b);
  return wa - wb || pa - pb;
}

function appendLog(part: Part, id: number, num: number, impact: number): void {
  if (part.logged + 3 > part.log.length) {
    const grown = new Int32Array(Math.max(3 * 4096, part.log.length * 2));
    grown.set(part.log);
    part.log = grown;
  }
  part.log[part.logged++] = id;
  part.log[part.logged++] = num;
  part.log[part.logged++] = impact;
}

/** Encodes the logged postings into the part's rows (document numbers grow, so each token's list stays sorted). */
function flushLog(part: Part, base: number): void {
  if (part.logged === 0) return;
  const pieces = new Map<number, string[]>();
  const log = part.log;
  for (let i = 0; i < part.logged; i += 3) {
    const id = log[i] as number;
    const num = log[i + 1] as number;
    const impact = log[i + 2] as number;
    let row = part.rows.get(id);
    if (row === undefined) part.rows.set(id, (row = [0, base, ""]));
    let list = pieces.get(id);
    if (list === undefined) pieces.set(id, (list = [row[2]]));
    list.push(engine.encodePosting(num - row[1], impact));
    row[0] += 1;
    row[1] = num;
  }
  for (const [id, list] of pieces) (part.rows.get(id) as Row)[2] = list.join("");
  part.log = new Int32Array(3 * 4096);
  part.logged = 0;
}

/** Every shard file of a segment, or with `slice` only those whose shard index is `slice` mod SLICES. */
export function segmentPaths(info: SegmentInfo, slice?: number): string[] {
  const out: string[] = [];
  const start = slice ?? 0;
  const step = slice === undefined ? 1 : SLICES;
  for (let i = start; i < info.shards; i += step) out.push(engine.postingPath(info.key, i));
  for (let i = start; i < info.unigramShards; i += step) out.push(engine.unigramPath(info.key, i));
  return out;
}

export async function removeSegment(sink: ShardSink, info: SegmentInfo): Promise<void> {
  for (const path of segmentPaths(info)) await sink.remove(path);
}
