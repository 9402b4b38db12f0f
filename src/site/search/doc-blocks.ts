// The document table: title, url, source, date and an excerpt per document, in blocks of `blockSize` numbers.
// A hit needs only its own block, so a result page reads a few small files; each block's date span lets a
// date filter skip every block that lies wholly inside or outside the range.
import { engine } from "./engine.js";
import type { IndexState } from "./search-state.js";
import type { ShardSink } from "./open-window.js";
import type { SearchDoc } from "./build-index.js";

/** Characters of body text kept per document for the result snippet. */
export const EXCERPT_CHARS = 240;

/** A document with its number in the index. */
export interface DocRecord extends SearchDoc {
  num: number;
}

export class DocBlocks {
  private touched = false;

  constructor(
    private readonly state: IndexState,
    private readonly sink: ShardSink,
  ) {}

  async add(doc: DocRecord): Promise<void> {
    const size = this.state.blockSize;
    const block = Math.floor((doc.num - 1) / size);
    const open = this.state.openBlock;
    const first = open[0];
    if (first !== undefined && Math.floor(((first[0] as number) - 1) / size) !== block) {
      await this.flush();
      this.state.openBlock = [];
    }
    this.state.openBlock.push([doc.num, doc.id, doc.url, doc.title, doc.source, doc.date, excerptOf(doc.text)]);
    this.touched = true;
    const day = engine.daysOf(doc.date);
    const span = this.state.spans[block];
    while (this.state.spans.length <= block) this.state.spans.push(null);
    this.state.spans[block] = span ? [Math.min(span[0], day), Math.max(span[1], day)] : [day, day];
  }

  /** Writes the open block if it changed. Returns how many files. */
  async flush(): Promise<number> {
    const first = this.state.openBlock[0];
    if (!this.touched || first === undefined) return 0;
    const block = Math.floor(((first[0] as number) - 1) / this.state.blockSize);
    await this.sink.write(engine.docBlockPath(block), this.state.openBlock);
    this.touched = false;
    return 1;
  }
}

/** The start of the body with runs of whitespace made one space, cut on a code point boundary. */
export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return Array.from(flat.slice(0, EXCERPT_CHARS * 2)).slice(0, EXCERPT_CHARS).join("");
}
