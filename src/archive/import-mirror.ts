// `import OLD_DIR`: a mirror made by the original script (its `_posts/` and `allurls.dat`) taken over without duplicates.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fail, ok, type Result } from "../result.js";
import { closeParts, openLocked, type MirrorParts } from "./archive.js";
import { isSafeFileName } from "./file-name.js";
import { GUID_FILE, LEDGER_FILE } from "./ledger.js";
import { readLines } from "./line-file.js";
import { normalizeLink } from "./link-key.js";
import { parsePost } from "./post-parse.js";
import { POSTS_DIR, type Staged } from "./post-store.js";
import { commitStaged, placeUnderFreeName, recordPlaced } from "./post-write.js";
import { readPostTexts } from "./read-posts.js";

export interface ImportReport {
  /** Posts copied into `toDir/_posts/`. */
  posts: number;
  /** Links added to `toDir/allurls.dat` (from the copied posts and the old ledger). */
  urls: number;
  /** Posts not copied: the same file is already there, or the target already holds an article with that link. */
  skipped: number;
}

/**
 * Copies the posts of `fromDir` byte for byte (a different article under a taken name gets ` (2)`), then adds
 * every link of its `allurls.dat` and `allguids.dat` the target lacks. Posts go first, so a link is skipped
 * only when the target really holds that article. Running it twice changes nothing the second time.
 * @example await importMirror("old-mirror", "mirror") // { ok: true, value: { posts: 2470, urls: 2470, skipped: 0 } }
 */
export async function importMirror(fromDir: string, toDir: string, clock: () => Date = () => new Date()): Promise<Result<ImportReport>> {
  if (!existsSync(join(fromDir, POSTS_DIR)) && !existsSync(join(fromDir, LEDGER_FILE))) {
    return fail({ code: "archive.io", message: `${fromDir} has neither _posts/ nor allurls.dat; give the folder of the old mirror (the one holding them)`, file: fromDir });
  }
  const locked = await openLocked(toDir, clock);
  if (!locked.ok) return locked;
  const { parts, lock } = locked.value;
  try {
    const sizeBefore = parts.ledger.size;
    const report: ImportReport = { posts: 0, urls: 0, skipped: 0 };
    if (resolve(fromDir) !== resolve(toDir)) {
      const copied = await copyPosts(parts, fromDir, report);
      if (!copied.ok) return copied;
    }
    const merged = await mergeLedger(parts, fromDir);
    if (!merged.ok) return merged;
    const flushed = await parts.ledger.flush();
    if (!flushed.ok) return flushed;
    report.urls = parts.ledger.size - sizeBefore;
    return ok(report);
  } finally {
    await closeParts(parts);
    await lock.release();
  }
}

async function copyPosts(parts: MirrorParts, fromDir: string, report: ImportReport): Promise<Result<void>> {
  const staged: Staged[] = [];
  for await (const item of readPostTexts(fromDir)) {
    if (!item.ok) return item;
    const { fileName, text } = item.value;
    const post = parsePost(text, fileName);
    const key = post.ok ? normalizeLink(post.value.from) : null;
    if (!isSafeFileName(fileName) || (key !== null && parts.ledger.hasLinkKey(key))) {
      report.skipped += 1;
      continue;
    }
    const stage = await parts.store.stage(text, null);
    if (!stage.ok) return stage;
    const placed = await placeUnderFreeName(parts, stage.value, fileName, text, key ?? "\u0000unreadable");
    if (!placed.ok) return placed;
    staged.push(stage.value);
    if (placed.value.already) report.skipped += 1;
    else report.posts += 1;
    if (post.ok && key !== null) {
      const recorded = await recordPlaced(parts, { key, href: post.value.from, guid: null, fileName: placed.value.fileName, title: post.value.title, html: post.value.html });
      if (!recorded.ok) return recorded;
    }
  }
  return commitStaged(parts, staged);
}

async function mergeLedger(parts: MirrorParts, fromDir: string): Promise<Result<void>> {
  const links = await nonEmptyLines(join(fromDir, LEDGER_FILE));
  if (!links.ok) return links;
  parts.ledger.recordLinks(links.value);
  const guids = await nonEmptyLines(join(fromDir, GUID_FILE));
  if (!guids.ok) return guids;
  parts.ledger.recordGuids(guids.value);
  return ok(undefined);
}

async function nonEmptyLines(path: string): Promise<Result<string[]>> {
  const lines: string[] = [];
  const read = await readLines(path, (line) => {
    if (line.trim() !== "") lines.push(line.trim());
  });
  return read.ok ? ok(lines) : read;
}
