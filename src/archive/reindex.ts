// `reindex`: the derived state rebuilt from `_posts/`, which is the truth (DESIGN.md).
import { join } from "node:path";
import type { Result } from "../result.js";
import { closeParts, openLocked } from "./archive.js";
import { rebuildIndex, type ReindexReport } from "./index-rebuild.js";
import { INDEX_FILE } from "./post-index.js";

export type { ReindexReport } from "./index-rebuild.js";

/**
 * Rebuilds `.newsmirror/index.jsonl` from the posts and adds to `allurls.dat` every post link it lacks. The
 * ledger is only ever added to: old mirrors move posts out of `_posts/` (to `archived/`) and their links must
 * stay known. Guids cannot be read from posts, so `allguids.dat` and the guids of the old index are kept.
 * @example await reindex("mirror") // { ok: true, value: { posts: 2470, unreadable: [] } }
 */
export async function reindex(dir: string, clock: () => Date = () => new Date()): Promise<Result<ReindexReport>> {
  // The index is rebuilt here anyway: opening need not rebuild a stale one first.
  const locked = await openLocked(dir, clock, { rebuildStaleIndex: false });
  if (!locked.ok) return locked;
  const { stateDir, lock, parts } = locked.value;
  try {
    return await rebuildIndex(dir, parts.ledger, join(stateDir, INDEX_FILE), () => closeParts(parts));
  } finally {
    await lock.release();
  }
}
