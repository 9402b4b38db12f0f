// `reindex`: the derived state rebuilt from `_posts/`, which is the truth (DESIGN.md).
import { join } from "node:path";
import { ok, type Result } from "../result.js";
import { closeParts, openLocked, type MirrorParts } from "./archive.js";
import { writeFileAtomically } from "./atomic-file.js";
import { readLines } from "./line-file.js";
import { normalizeLink } from "./link-key.js";
import { hashText, INDEX_FILE, parseRecord, recordLine, type IndexRecord } from "./post-index.js";
import { parsePost } from "./post-parse.js";
import { readPostTexts } from "./read-posts.js";

export interface ReindexReport {
  posts: number;
  unreadable: Array<{ fileName: string; message: string }>;
}

/**
 * Rebuilds `.newsmirror/index.jsonl` from the posts and adds to `allurls.dat` every post link it lacks. The
 * ledger is only ever added to: old mirrors move posts out of `_posts/` (to `archived/`) and their links must
 * stay known. Guids cannot be read from posts, so `allguids.dat` and the guids of the old index are kept.
 * @example await reindex("mirror") // { ok: true, value: { posts: 2470, unreadable: [] } }
 */
export async function reindex(dir: string, clock: () => Date = () => new Date()): Promise<Result<ReindexReport>> {
  const locked = await openLocked(dir, clock);
  if (!locked.ok) return locked;
  const { stateDir, lock, parts } = locked.value;
  try {
    return await rebuild(parts, join(stateDir, INDEX_FILE));
  } finally {
    await lock.release();
  }
}

/** The index and the missing ledger lines from the posts; closes the parts before the index file is replaced. */
async function rebuild(parts: MirrorParts, indexPath: string): Promise<Result<ReindexReport>> {
  const lines: string[] = [];
  const report: ReindexReport = { posts: 0, unreadable: [] };
  try {
    const guids = await oldGuids(indexPath);
    if (!guids.ok) return guids;
    for await (const item of readPostTexts(parts.dir)) {
      if (!item.ok) return item;
      const post = parsePost(item.value.text, item.value.fileName);
      if (!post.ok) {
        report.unreadable.push({ fileName: item.value.fileName, message: post.failure.message });
        continue;
      }
      report.posts += 1;
      const key = normalizeLink(post.value.from);
      if (post.value.from !== "" && !parts.ledger.hasLinkKey(key)) parts.ledger.record(post.value.from, null);
      const record: IndexRecord = { k: key, g: guids.value.get(key) ?? null, f: post.value.fileName, t: post.value.title, h: hashText(post.value.html) };
      lines.push(recordLine(record));
    }
    const flushed = await parts.ledger.flush();
    if (!flushed.ok) return flushed;
  } finally {
    await closeParts(parts);
  }
  const written = await writeFileAtomically(indexPath, lines.length === 0 ? "" : `${lines.join("\n")}\n`);
  return written.ok ? ok(report) : written;
}

/** key -> guid from the index being replaced (the posts do not hold guids). */
async function oldGuids(indexPath: string): Promise<Result<Map<string, string>>> {
  const guids = new Map<string, string>();
  const read = await readLines(indexPath, (line) => {
    // A cut line gives null: its guid is lost, the link still dedupes.
    const record = parseRecord(line);
    if (record?.g) guids.set(record.k, record.g);
  });
  return read.ok ? ok(guids) : read;
}
