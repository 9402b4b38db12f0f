// Writing one item into an open mirror: a new post without overwriting anything, a revision, or crash recovery.
import { fail, ok, type Result } from "../result.js";
import type { MirrorParts } from "./archive.js";
import { postFileName, withCollisionSuffix } from "./file-name.js";
import { normalizeLink } from "./link-key.js";
import { articleLink, cleanTitle, formatPost, frontMatterTitle, postHtml } from "./post-format.js";
import { hashText, titleHash } from "./post-index.js";
import { parsePost } from "./post-parse.js";
import { textSimilarity } from "./text-similarity.js";
import type { Staged } from "./post-store.js";
import type { PostInput, WriteOutcome } from "./types.js";

/**
 * Different articles that may share one file name before giving up: `name.md`, `name (2).md`, ... The
 * original kept the first and silently dropped the others (original-script.md); here the later ones get the
 * suffix before `.md`, which still sorts beside the first.
 */
const MAX_SAME_NAME = 1000;

/** A new item formatted and staged in `incoming/`, ready to be placed. */
export interface PreparedPost {
  baseName: string;
  text: string;
  staged: Staged;
}

/**
 * Step (1) of a new item, safe to run ahead of and beside other writes: it only creates a uniquely named file
 * in `incoming/`. A killed run leaves it there, and the next open places it (recoverStaged).
 */
export async function preparePost(parts: MirrorParts, input: PostInput): Promise<Result<PreparedPost>> {
  const { fileName: baseName, text } = formatPost(input);
  const staged = await parts.store.stage(text, distinctGuid(input.guid, articleLink(input.link)));
  return staged.ok ? ok({ baseName, text, staged: staged.value }) : staged;
}

/**
 * Writes a new item: staged (unless `prepared` already was), linked under the first free name, then recorded
 * in the ledger and the index. Callers run this one item at a time. The staged post goes into `pending` as soon
 * as it is in place, so the next checkpoint makes it durable even when recording it fails afterwards; and
 * `onPlaced` hears of a new file then, so a build that follows knows of it whatever comes after.
 */
export async function placePost(parts: MirrorParts, input: PostInput, pending: Staged[], prepared?: Result<PreparedPost>, onPlaced?: (fileName: string) => void): Promise<Result<WriteOutcome>> {
  const ready = prepared ?? (await preparePost(parts, input));
  if (!ready.ok) return ready;
  const { baseName, text, staged } = ready.value;
  const href = articleLink(input.link);
  const key = normalizeLink(href);
  const guid = distinctGuid(input.guid, href);
  const placed = await placeUnderFreeName(parts, staged, baseName, text, key);
  if (!placed.ok) {
    await parts.store.drop(staged);
    return placed;
  }
  pending.push(staged);
  if (!placed.value.already) onPlaced?.(placed.value.fileName);
  const recorded = await recordPlaced(parts, { key, href, guid, fileName: placed.value.fileName, title: frontMatterTitle(cleanTitle(input.title)), html: postHtml(input.html) });
  if (!recorded.ok) return recorded;
  return ok({ kind: placed.value.already ? "seen" : "written", fileName: placed.value.fileName });
}

/**
 * True when the item is archived under this very title: `write` would only answer "seen", so the caller can
 * skip preparing its content (cleaning every known item of every feed each hour costs seconds for nothing).
 */
export async function isUnchangedKnown(parts: MirrorParts, link: string, guid: string | null, title: string): Promise<boolean> {
  if (!parts.ledger.isKnown(link, guid)) return false;
  const loaded = await parts.index.load();
  if (!loaded.ok) return false;
  const href = articleLink(link);
  return parts.index.titleHashOf(normalizeLink(href), distinctGuid(guid, href)) === titleHash(frontMatterTitle(cleanTitle(title)));
}

/**
 * A known item: "seen" when its title is unchanged, else a line in `revisions.jsonl` and the index updated to
 * the new title (so the same edit is recorded once); the post itself is never rewritten.
 */
export async function recordKnown(parts: MirrorParts, input: PostInput): Promise<Result<WriteOutcome>> {
  const loaded = await parts.index.load();
  if (!loaded.ok) return loaded;
  const href = articleLink(input.link);
  const key = normalizeLink(href);
  const guid = distinctGuid(input.guid, href);
  const title = frontMatterTitle(cleanTitle(input.title));
  const held = parts.index.titleHashOf(key, guid);
  if (held === titleHash(title)) return ok({ kind: "seen", fileName: null });
  const htmlHash = hashText(postHtml(input.html));
  const last = held === null ? ok(null) : await parts.index.lastRecord(key, guid);
  if (!last.ok) return last;
  if (last.value === null) {
    // Known from an old ledger only (or a hash collision): remember today's title so a later edit is noticed.
    const added = await parts.index.add({ k: key, g: guid, f: null, t: title, h: htmlHash });
    return added.ok ? ok({ kind: "seen", fileName: null }) : added;
  }
  if (last.value.t === title) return ok({ kind: "seen", fileName: last.value.f });
  const revision = {
    at: parts.clock().toISOString(),
    link: href,
    fileName: last.value.f,
    oldTitle: last.value.t,
    newTitle: title,
    textChange: last.value.h !== htmlHash,
    // How much: the archived post's body against the new version (1 = same text). A post completed with its
    // page's full text is compared with what the feed carries now, so there it also counts the completion.
    textSimilarity: last.value.h === htmlHash ? 1 : await archivedSimilarity(parts, last.value.f, input.html),
  };
  const appended = await parts.revisions.append([JSON.stringify(revision)]);
  if (!appended.ok) return appended;
  const added = await parts.index.add({ k: last.value.k, g: guid ?? last.value.g, f: last.value.f, t: title, h: htmlHash });
  return added.ok ? ok({ kind: "revised", fileName: last.value.f }) : added;
}

/** Similarity of the archived post's body and `html`; null when the post cannot be read. */
async function archivedSimilarity(parts: MirrorParts, fileName: string | null, html: string): Promise<number | null> {
  if (fileName === null) return null;
  const text = await parts.store.read(fileName);
  if (!text.ok || text.value === null) return null;
  const post = parsePost(text.value, fileName);
  return post.ok ? textSimilarity(post.value.html, postHtml(html)) : null;
}

/** Finishes the posts a killed run left staged: each ends up once in `_posts/` and once in the ledger. */
export async function recoverStaged(parts: MirrorParts): Promise<Result<number>> {
  const leftovers = await parts.store.leftovers();
  if (!leftovers.ok) return leftovers;
  let recovered = 0;
  for (const staged of leftovers.value) {
    const post = parsePost(staged.text, staged.id);
    if (!post.ok) {
      await parts.store.drop(staged); // cannot happen for a renamed (complete) file; nothing was recorded for it
      continue;
    }
    const key = normalizeLink(post.value.from);
    if (!parts.ledger.hasLinkKey(key)) {
      const baseName = postFileName(post.value.date, post.value.title);
      const placed = await placeUnderFreeName(parts, staged, baseName, staged.text, key);
      if (!placed.ok) return placed;
      const recorded = await recordPlaced(parts, { key, href: post.value.from, guid: staged.guid, fileName: placed.value.fileName, title: post.value.title, html: post.value.html });
      if (!recorded.ok) return recorded;
      recovered += 1;
    }
  }
  const committed = await commitStaged(parts, leftovers.value);
  return committed.ok ? ok(recovered) : committed;
}

/**
 * Makes placed posts durable in the order that keeps a crash safe: posts fsynced, then their ledger lines
 * written and fsynced (with the index and revisions), then the staged copies removed (DESIGN.md "Write once,
 * atomically"). A crash before the end leaves the staged copies, and the next open finishes the job.
 */
export async function commitStaged(parts: MirrorParts, staged: readonly Staged[]): Promise<Result<void>> {
  const durable = await parts.store.makeDurable(staged);
  if (!durable.ok) return durable;
  for (const synced of [await parts.ledger.flush(), await parts.index.sync(), await parts.revisions.sync()]) {
    if (!synced.ok) return synced;
  }
  await parts.store.release(staged);
  return ok(undefined);
}

export interface Placed {
  fileName: string;
  /** True when the file under that name already was this article (same text, or same link). */
  already: boolean;
}

export async function placeUnderFreeName(parts: MirrorParts, staged: Staged, baseName: string, text: string, key: string): Promise<Result<Placed>> {
  for (let n = 1; n <= MAX_SAME_NAME; n++) {
    const fileName = withCollisionSuffix(baseName, n);
    const placed = await parts.store.place(staged, fileName);
    if (!placed.ok) return placed;
    if (placed.value === "placed") return ok({ fileName, already: false });
    const existing = await parts.store.read(fileName);
    if (!existing.ok) return existing;
    if (existing.value === null) continue; // a name taken by something that is not a readable file
    if (existing.value === text || isSameArticle(existing.value, fileName, key)) return ok({ fileName, already: true });
  }
  return fail({ code: "archive.io", message: `${MAX_SAME_NAME} different posts already use the name ${baseName}; rename some of them`, file: baseName });
}

/** The post on disk has the same link: the ledger had lost it (deleted, or an old mirror), not a new article. */
function isSameArticle(text: string, fileName: string, key: string): boolean {
  const post = parsePost(text, fileName);
  return post.ok && normalizeLink(post.value.from) === key;
}

export async function recordPlaced(
  parts: MirrorParts,
  item: { key: string; href: string; guid: string | null; fileName: string; title: string; html: string },
): Promise<Result<void>> {
  parts.ledger.record(item.href, item.guid);
  return parts.index.add({ k: item.key, g: item.guid, f: item.fileName, t: item.title, h: hashText(item.html) });
}

/** The guid when it says something the link does not (null when missing or equal to the link). */
function distinctGuid(guid: string | null, href: string): string | null {
  const trimmed = guid?.trim() ?? "";
  return trimmed === "" || trimmed === href ? null : trimmed;
}
