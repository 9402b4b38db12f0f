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

export class OpenWindow {
  private readonly parts = new Map<number, Part>();
  private readonly touched = new Set<number>();
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private stamp = new Int32Array(1 << 16);
  private weight = new Int32Array(1 << 16);
  private readonly docTokens: number[] = [];

  constructor(
    private readonly state: IndexState,
    private readonly stateDir: string,
    private readonly fold: Fold,
    private readonly sink: ShardSink,
  ) {}

  /** Adds document `num` (numbers only grow, one after the other); seals the window it fills. */
  async add(num: number, title: string, text: string, source: string): Promise<void> {
    const window = this.windowOf(num);
    const partNo = Math.floor((num - 1 - window * this.state.windowDocs) / this.state.partDocs);
    const part = await this.part(partNo);
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
    this.touched.add(partNo);
    const partBase = window * this.state.windowDocs + partNo * this.state.partDocs;
    if (num - partBase === this.state.partDocs) flushLog(part, partBase);
    if (num % this.state.windowDocs === 0) await this.seal(window);
  }

  /** Writes the parts changed since the last call as segments and saves their postings. */
  async finish(upTo: number): Promise<void> {
    const window = this.windowOf(upTo + 1);
    for (const partNo of [...this.touched].sort((a, b) => a - b)) {
      const info = this.partInfo(window, partNo);
      const part = await this.part(partNo);
      flushLog(part, info.first - 1);
      await this.writeSegment(info, part.rows);
      const last = Math.min(upTo, info.first - 1 + this.state.partDocs);
      const rows: Array<[string, Row]> = [];
      for (const [id, row] of part.rows) rows.push([this.names[id] as string, row]);
      await savePart(this.stateDir, partNo, last, rows);
      this.state.parts[String(partNo)] = last;
      if (!this.state.segments.includes(info.key)) this.state.segments.push(info.key);
    }
    this.touched.clear();
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

  private windowInfo(window: number): SegmentInfo {
    const s = this.state;
    return { key: String(window), first: window * s.windowDocs + 1, shards: s.windowShards, unigramShards: s.windowUnigramShards };
  }

  private partInfo(window: number, part: number): SegmentInfo {
    const s = this.state;
    return { key: `${window}.${part}`, first: window * s.windowDocs + part * s.partDocs + 1, shards: s.partShards, unigramShards: s.partUnigramShards };
  }

  private async part(partNo: number): Promise<Part> {
    let part = this.parts.get(partNo);
    if (part !== undefined) return part;
    part = { rows: new Map(), log: new Int32Array(3 * 4096), logged: 0 };
    if (this.state.parts[String(partNo)] !== undefined) {
      for (const [token, row] of await loadPart(this.stateDir, partNo)) part.rows.set(this.idOf(token), row);
    }
    this.parts.set(partNo, part);
    return part;
  }

  /** Merges the window's parts into one segment, writes it, and removes the parts' files. */
  private async seal(window: number): Promise<void> {
    const s = this.state;
    const info = this.windowInfo(window);
    const merged = new Map<number, Row>();
    const partCount = Math.ceil(s.windowDocs / s.partDocs);
    for (let partNo = 0; partNo < partCount; partNo++) {
      const part = await this.part(partNo);
      const partBase = this.partInfo(window, partNo).first - 1;
      flushLog(part, partBase);
      for (const [id, [df, last, encoded]] of part.rows) {
        const into = merged.get(id);
        if (into === undefined) merged.set(id, [df, last, engine.rebasePostings(encoded, partBase, info.first - 1)]);
        else {
          into[2] += engine.rebasePostings(encoded, partBase, into[1]);
          into[0] += df;
          into[1] = last;
        }
      }
      this.parts.delete(partNo);
    }
    await this.writeSegment(info, merged);
    for (let partNo = 0; partNo < partCount; partNo++) {
      const key = `${window}.${partNo}`;
      if (s.segments.includes(key)) await removeSegment(this.sink, this.partInfo(window, partNo));
      await removePart(this.stateDir, partNo);
    }
    s.segments = s.segments.filter((k) => !k.startsWith(`${window}.`));
    if (!s.segments.includes(info.key)) s.segments.push(info.key);
    s.parts = {};
    this.touched.clear();
    // token ids only name tokens of the open window: start afresh so the table holds one window's
    // vocabulary, not the archive's (stale stamps are older document numbers and never match)
    this.ids.clear();
    this.names.length = 0;
  }

  /** Writes every shard file of a segment; tokens in each file sorted, so the bytes never depend on history. */
  private async writeSegment(info: SegmentInfo, rows: Map<number, Row>): Promise<void> {
    const buckets = new Map<string, Array<[string, Row]>>();
    for (const path of segmentPaths(info)) buckets.set(path, []);
    for (const [id, row] of rows) {
      const token = this.names[id] as string;
      buckets.get(engine.tokenPath(token, info))?.push([token, row]);
    }
    for (const [path, list] of buckets) {
      list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const value: Record<string, [number, string]> = {};
      for (const [token, [df, , encoded]] of list) value[token] = [df, encoded];
      await this.sink.write(path, value);
    }
  }
}

function appendLog(part: Part, id: number, num: number, impact: number): void {
  if (part.logged + 3 > part.log.length) {
    const grown = new Int32Array(part.log.length * 2);
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
