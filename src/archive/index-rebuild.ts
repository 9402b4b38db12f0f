// The post index rebuilt from `_posts/` (the truth, DESIGN.md): for `reindex`, and when its link keys are stale.
import { join } from "node:path";
import { ok, type Result } from "../result.js";
import { writeFileAtomically } from "./atomic-file.js";
import type { Ledger } from "./ledger.js";
import { readLines } from "./line-file.js";
import { normalizeLink } from "./link-key.js";
import { hashText, INDEX_HEADER, parseRecord, recordLine, type IndexRecord } from "./post-index.js";
import { parsePost } from "./post-parse.js";
import { PostStore, STATE_DIR } from "./post-store.js";

export interface ReindexReport {
  posts: number;
  unreadable: Array<{ fileName: string; message: string }>;
}

/**
 * Rewrites the index at `indexPath` from the posts of the mirror `dir` and adds to `ledger` every post link it
 * lacks (the ledger is only ever added to: old mirrors move posts out of `_posts/` and their links must stay
 * known). Guids cannot be read from posts, so those of the old index are kept. A post that cannot be read or
 * parsed is listed in `unreadable`; only a `_posts/` that cannot be listed, or an index that cannot be written,
 * fails. `close` closes the mirror's parts, which hold the index open for appending, before the file is
 * replaced; it is called in every case.
 */
export async function rebuildIndex(dir: string, ledger: Ledger, indexPath: string, close: () => Promise<void>): Promise<Result<ReindexReport>> {
  const lines: string[] = [INDEX_HEADER];
  const report: ReindexReport = { posts: 0, unreadable: [] };
  try {
    const guids = await oldGuids(indexPath);
    if (!guids.ok) return guids;
    const store = new PostStore(dir, join(dir, STATE_DIR));
    const names = await store.list();
    if (!names.ok) return names;
    for (const fileName of names.value) {
      const text = await store.read(fileName);
      if (text.ok && text.value === null) continue;
      const post = text.ok ? parsePost(text.value!, fileName) : text;
      if (!post.ok) {
        report.unreadable.push({ fileName, message: post.failure.message });
        continue;
      }
      report.posts += 1;
      const key = normalizeLink(post.value.from);
      if (post.value.from !== "" && !ledger.hasLinkKey(key)) ledger.record(post.value.from, null);
      const record: IndexRecord = { k: key, g: guids.value.get(key) ?? null, f: post.value.fileName, t: post.value.title, h: hashText(post.value.html) };
      lines.push(recordLine(record));
    }
    const flushed = await ledger.flush();
    if (!flushed.ok) return flushed;
  } finally {
    await close();
  }
  const written = await writeFileAtomically(indexPath, `${lines.join("\n")}\n`);
  return written.ok ? ok(report) : written;
}

/** Key to guid from the index being replaced (the posts do not hold guids), keyed as links are keyed today. */
async function oldGuids(indexPath: string): Promise<Result<Map<string, string>>> {
  const guids = new Map<string, string>();
  const read = await readLines(indexPath, (line) => {
    // A cut line gives null: its guid is lost, the link still dedupes.
    const record = parseRecord(line);
    if (record?.g) guids.set(normalizeLink(record.k), record.g);
  });
  return read.ok ? ok(guids) : read;
}
