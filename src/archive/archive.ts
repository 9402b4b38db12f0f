// An open mirror: the lock, the ledger, the post store, the index, revisions and the state, behind `Archive`.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fail, ok, type Result } from "../result.js";
import { ioFail } from "./io-failure.js";
import { Ledger } from "./ledger.js";
import { AppendFile } from "./line-file.js";
import { acquireLock, type MirrorLock } from "./lock.js";
import { rebuildIndex, type ReindexReport } from "./index-rebuild.js";
import { INDEX_FILE, INDEX_HEADER, indexKeying, PostIndex } from "./post-index.js";
import { POSTS_DIR, PostStore, STATE_DIR, type Staged } from "./post-store.js";
import { commitStaged, isUnchangedKnown, placePost, preparePost, recoverStaged, recordKnown, type PreparedPost } from "./post-write.js";
import { loadState, saveState, STATE_FILE } from "./state-store.js";
import type { ArchiveState, PostFileChanges, PostInput, WriteOutcome } from "./types.js";
import { isArchivableLink } from "./post-format.js";
import { ReadOnlyArchive } from "./read-only-archive.js";
import { replacePostBody } from "./post-body.js";
import { writeFileAtomically } from "./atomic-file.js";

export { STATE_DIR };
export const LOCK_FILE = "lock";
/** Revision history of headline edits, one JSON object a line, in the mirror root beside `allurls.dat`. */
export const REVISIONS_FILE = "revisions.jsonl";

/** Posts written between two fsync checkpoints: one fsync batch per this many posts (and at close). */
const CHECKPOINT_EVERY = 64;

export interface Archive {
  readonly dir: string;
  isKnown(link: string, guid: string | null): boolean;
  /** True when the item is archived with this title already: `write` would answer "seen" (no revision). */
  isUnchanged(link: string, guid: string | null, title: string): Promise<boolean>;
  /** Writes a new post atomically and appends the ledger; for a known item with a changed title records a revision
      instead (nothing overwritten); for a known unchanged item returns "seen". */
  write(input: PostInput): Promise<Result<WriteOutcome>>;
  /**
   * Rewrites the body of an archived post in place, atomically: only for changes that keep the article, such as
   * image sources pointing to their mirrored copies once a download finally succeeds. false: no such post.
   */
  rewriteBody(fileName: string, rewrite: (html: string) => string): Promise<Result<boolean>>;
  state: ArchiveState;
  /** The post files written since the archive was opened (none through a read-only one). */
  readonly postFiles: PostFileChanges;
  saveState(): Promise<Result<void>>;
  close(): Promise<void>;
  /** Problems met while opening that did not stop it (an unreadable state file kept aside). */
  readonly warnings: string[];
}

export interface OpenOptions {
  /** Take the mirror's lock (default true). Without it the archive is read-only: `write` and `saveState` fail. */
  lock?: boolean;
  clock?: () => Date;
  /** Called with each post file as it is created or rewritten in `_posts/` (as `postFiles` lists them). */
  onPostFile?: (fileName: string) => void;
}

/** The parts of an open, locked mirror that writing a post uses. */
export interface MirrorParts {
  dir: string;
  ledger: Ledger;
  index: PostIndex;
  store: PostStore;
  revisions: AppendFile;
  clock: () => Date;
}

export async function openArchive(dir: string, options: OpenOptions = {}): Promise<Result<Archive>> {
  const clock = options.clock ?? (() => new Date());
  const stateDir = join(dir, STATE_DIR);
  if (options.lock === false) {
    const loaded = await loadState(join(stateDir, STATE_FILE), clock(), { keepAside: false });
    return loaded.ok ? ok(new ReadOnlyArchive(dir, loaded.value.state, warnings(loaded.value.warning))) : loaded;
  }
  const locked = await openLocked(dir, clock);
  if (!locked.ok) return locked;
  const { parts, lock } = locked.value;
  const statePath = join(stateDir, STATE_FILE);
  const loaded = await loadState(statePath, clock(), { keepAside: true });
  if (!loaded.ok) {
    await closeParts(parts);
    await lock.release();
    return loaded;
  }
  const notices = [...warnings(loaded.value.warning), ...rebuildNotices(locked.value.rebuilt)];
  return ok(new WritableArchive(parts, lock, loaded.value.state, statePath, notices, options.onPostFile));
}

/** What the run's summary says of a post index rebuilt when the mirror was opened. */
function rebuildNotices(rebuilt: Result<ReindexReport> | null): string[] {
  const index = join(STATE_DIR, INDEX_FILE);
  if (rebuilt === null) return [];
  if (!rebuilt.ok) return [`the post index ${index} is keyed by an older newsmirror and could not be rebuilt (${rebuilt.failure.message}); the run used it as it is, run \`newsmirror reindex\``];
  const { posts, unreadable } = rebuilt.value;
  const skipped = unreadable.length === 0 ? "" : `; ${unreadable.length} could not be read (first: ${unreadable[0]!.fileName}: ${unreadable[0]!.message})`;
  return [`the post index ${index} was keyed by an older newsmirror and has been rebuilt from the ${posts} posts in _posts/${skipped}`];
}

/** A mirror taken for writing: its lock held and its parts open (close the parts, then release the lock). */
export interface LockedMirror {
  stateDir: string;
  lock: MirrorLock;
  parts: MirrorParts;
  /** The post index was keyed under older link keys: how rebuilding it from the posts went (null: it was not). */
  rebuilt: Result<ReindexReport> | null;
}

/**
 * Takes a mirror for writing (used by openArchive, reindex and import): creates `.newsmirror/`, takes the
 * lock, opens the parts, finishes the posts a killed run left staged, then rebuilds a post index keyed under
 * older link keys (`INDEX_HEADER`; unless told not to). On a failure, or a throw, nothing stays open and the
 * lock is released.
 */
export async function openLocked(dir: string, clock: () => Date, options: { rebuildStaleIndex?: boolean } = {}): Promise<Result<LockedMirror>> {
  const stateDir = join(dir, STATE_DIR);
  try {
    await mkdir(stateDir, { recursive: true });
  } catch (error) {
    return ioFail(error, "create", stateDir);
  }
  const lock = await acquireLock(join(stateDir, LOCK_FILE), clock);
  if (!lock.ok) return lock;
  let parts: MirrorParts | null = null;
  let locked: LockedMirror | null = null;
  try {
    const opened = await openParts(dir, stateDir, clock);
    if (!opened.ok) return opened;
    ({ parts } = opened.value);
    // First the posts a killed run left staged: each ends up in _posts/ and the ledger (guid included), durable,
    // before a rebuild reads _posts/ as a whole and records every link it holds.
    const recovered = await recoverStaged(parts);
    if (!recovered.ok) return recovered;
    let rebuilt: Result<ReindexReport> | null = null;
    if (opened.value.staleIndex && options.rebuildStaleIndex !== false) {
      // Stale keys would miss known posts: the index is rebuilt (it closes the parts), then they are opened again.
      // A rebuild that fails leaves the old index (it is replaced atomically) and the run goes on with it.
      const staleParts = parts;
      parts = null;
      rebuilt = await rebuildIndex(dir, staleParts.ledger, join(stateDir, INDEX_FILE), () => closeParts(staleParts));
      const reopened = await openParts(dir, stateDir, clock);
      if (!reopened.ok) return reopened;
      ({ parts } = reopened.value);
    }
    locked = { stateDir, lock: lock.value, parts, rebuilt };
    return ok(locked);
  } finally {
    if (locked === null) {
      if (parts !== null) await closeParts(parts);
      await lock.value.release();
    }
  }
}

/**
 * Opens ledger, index, revisions and store of a locked mirror (used by openLocked), and says whether the index
 * is keyed under older link keys; a new index gets the line that says how its links are keyed.
 */
export async function openParts(dir: string, stateDir: string, clock: () => Date): Promise<Result<{ parts: MirrorParts; staleIndex: boolean }>> {
  const store = new PostStore(dir, stateDir);
  const folders = await store.ensureFolders();
  if (!folders.ok) return folders;
  const ledger = await Ledger.open(dir);
  if (!ledger.ok) return ledger;
  const indexFile = await AppendFile.open(join(stateDir, INDEX_FILE));
  if (!indexFile.ok) {
    await ledger.value.close();
    return indexFile;
  }
  const keying = await indexKeying(indexFile.value.path);
  const headed = keying.ok && keying.value === "empty" ? await indexFile.value.append([INDEX_HEADER]) : keying;
  if (!headed.ok) {
    await ledger.value.close();
    await indexFile.value.close();
    return headed;
  }
  const revisions = await AppendFile.open(join(dir, REVISIONS_FILE));
  if (!revisions.ok) {
    await ledger.value.close();
    await indexFile.value.close();
    return revisions;
  }
  const index = new PostIndex(join(stateDir, INDEX_FILE), indexFile.value);
  const parts = { dir, ledger: ledger.value, index, store, revisions: revisions.value, clock };
  return ok({ parts, staleIndex: keying.ok && keying.value === "stale" });
}

function warnings(warning: string | null): string[] {
  return warning === null ? [] : [warning];
}

export async function closeParts(parts: MirrorParts): Promise<void> {
  await parts.ledger.close();
  await parts.index.close();
  await parts.revisions.close();
}

class WritableArchive implements Archive {
  readonly dir: string;
  private pending: Staged[] = [];
  private closed = false;
  readonly postFiles: PostFileChanges = { created: [], rewritten: [] };
  /** Writes run one after another even when called concurrently: two calls for one link must not both see it new. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly parts: MirrorParts,
    private readonly lock: MirrorLock,
    public state: ArchiveState,
    private readonly statePath: string,
    readonly warnings: string[],
    private readonly onPostFile?: (fileName: string) => void,
  ) {
    this.dir = parts.dir;
  }

  isKnown(link: string, guid: string | null): boolean {
    return this.parts.ledger.isKnown(link, guid);
  }

  /** Tells the listener of a post file; its failure is not the write's (the post is in place and gets recorded). */
  private tell(fileName: string): void {
    try {
      this.onPostFile?.(fileName);
    } catch {
      // `postFiles` lists the file all the same.
    }
  }

  isUnchanged(link: string, guid: string | null, title: string): Promise<boolean> {
    return isUnchangedKnown(this.parts, link, guid, title);
  }

  write(input: PostInput): Promise<Result<WriteOutcome>> {
    // Formatting and staging a new item run ahead of the queue (each in its own file in incoming/), so the file
    // system works on several posts at once; naming, placing and recording stay one sequence.
    const prepared = !this.closed && isArchivableLink(input.link) && !this.parts.ledger.isKnown(input.link, input.guid) ? preparePost(this.parts, input) : null;
    const next = this.queue.then(() => this.writeNow(input, prepared));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async writeNow(input: PostInput, preparing: Promise<Result<PreparedPost>> | null): Promise<Result<WriteOutcome>> {
    const prepared = preparing === null ? undefined : await preparing;
    const dropPrepared = async (): Promise<void> => {
      if (prepared?.ok) await this.parts.store.drop(prepared.value.staged);
    };
    if (this.closed) {
      await dropPrepared();
      return fail({ code: "archive.io", message: `${this.dir}: the archive is already closed` });
    }
    if (!isArchivableLink(input.link)) {
      return fail({ code: "archive.bad-link", message: `\`${input.link.slice(0, 200)}\` is not an absolute link a reader may follow (unparseable, relative, or a script URL); the item is skipped`, url: input.link });
    }
    if (this.parts.ledger.isKnown(input.link, input.guid)) {
      // Written by an earlier call meanwhile (the same item twice in one run): its staged copy is not needed.
      await dropPrepared();
      return recordKnown(this.parts, input);
    }
    const placed = await placePost(this.parts, input, this.pending, prepared, (fileName) => {
      this.postFiles.created.push(fileName);
      this.tell(fileName);
    });
    if (!placed.ok) return placed;
    if (this.pending.length >= CHECKPOINT_EVERY) {
      const checked = await this.checkpoint();
      if (!checked.ok) return checked;
    }
    return placed;
  }

  saveState(): Promise<Result<void>> {
    return saveState(this.statePath, this.state);
  }

  rewriteBody(fileName: string, rewrite: (html: string) => string): Promise<Result<boolean>> {
    const next = this.queue.then(async (): Promise<Result<boolean>> => {
      if (this.closed) return fail({ code: "archive.io", message: `${this.dir}: the archive is already closed` });
      const text = await this.parts.store.read(fileName);
      if (!text.ok || text.value === null) return text.ok ? ok(false) : text;
      const replaced = replacePostBody(text.value, rewrite);
      if (replaced === null) return fail({ code: "archive.bad-post", message: `${fileName}: not in the layout newsmirror writes; its body was left alone`, file: fileName });
      if (replaced === text.value) return ok(true);
      const written = await writeFileAtomically(join(this.dir, POSTS_DIR, fileName), replaced);
      // Even a failed write may have renamed its file into place before its folder's fsync failed.
      if (!this.postFiles.rewritten.includes(fileName)) this.postFiles.rewritten.push(fileName);
      this.tell(fileName);
      return written.ok ? ok(true) : written;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    const checked = await this.checkpoint();
    // Nothing is lost: the staged posts stay in incoming/ and the next open records them.
    if (!checked.ok) this.warnings.push(`${checked.failure.message} (the next run finishes recording the last posts)`);
    await closeParts(this.parts);
    await this.lock.release();
  }

  /** Makes everything so far durable (commitStaged says in which order). */
  private async checkpoint(): Promise<Result<void>> {
    const committed = await commitStaged(this.parts, this.pending);
    if (committed.ok) this.pending = [];
    return committed;
  }
}
