// The mirror lock `.newsmirror/lock`: one run per mirror, and a lock left by a killed run never blocks the next.
import { hostname } from "node:os";
import { link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { fail, ok, type Result } from "../result.js";
import { tempNameFor } from "./atomic-file.js";
import { errnoCode, ioFail } from "./io-failure.js";

/** A lock older than this is stale even when its process seems alive (a hung run, or a reused pid). */
export const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** Tries before giving up when other processes keep racing for a stale lock. */
const ATTEMPTS = 5;

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface MirrorLock {
  release(): Promise<void>;
}

/**
 * Takes the lock at `path`. The lock file is written whole under a temp name and hard-linked into place, so
 * it is created atomically (link(2) fails with EEXIST) and is never seen empty. A stale lock (its pid is not
 * alive on this host, or it is older than 6 hours, or it cannot be read) is moved aside and retaken.
 */
export async function acquireLock(path: string, now: () => Date): Promise<Result<MirrorLock>> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: now().toISOString() };
  const content = `${JSON.stringify(owner)}\n`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const created = await createExclusive(path, content);
    if (!created.ok) return created;
    if (created.value) return ok({ release: () => releaseLock(path, content) });
    const held = await readOwner(path);
    if (held === "gone") continue;
    if (!isStale(held, now())) return fail(lockedFailure(path, held));
    const taken = await moveStaleAside(path, held);
    if (!taken) return fail(lockedFailure(path, held));
  }
  return fail({ code: "archive.locked", message: `${path}: other runs keep taking this mirror's lock; try again later`, file: path });
}

/** True when the lock's owner cannot still be running: a dead pid on this host, older than 6 hours, or unreadable. */
export function isStale(owner: LockOwner | null, now: Date): boolean {
  if (owner === null) return true;
  const since = Date.parse(owner.since);
  if (!Number.isFinite(since) || now.getTime() - since > STALE_AFTER_MS) return true;
  return owner.host === hostname() && !isProcessAlive(owner.pid);
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else (kill(2)).
    return errnoCode(error) === "EPERM";
  }
}

async function createExclusive(path: string, content: string): Promise<Result<boolean>> {
  const temp = tempNameFor(path);
  try {
    await writeFile(temp, content, { flag: "wx" });
    await link(temp, path);
    return ok(true);
  } catch (error) {
    if (errnoCode(error) === "EEXIST") return ok(false);
    return ioFail(error, "create the lock", path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** The lock's owner, null when the file cannot be read as one, "gone" when it vanished meanwhile. */
async function readOwner(path: string): Promise<LockOwner | null | "gone"> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return errnoCode(error) === "ENOENT" ? "gone" : null;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.since === "string") {
      return { pid: value.pid, host: value.host, since: value.since };
    }
  } catch {
    // Not JSON: this writer never leaves such a lock (it is linked into place whole), so it is stale.
  }
  return null;
}

/**
 * Renames the stale lock to a unique name, then checks that what was moved is the lock judged stale; when a
 * racing run had already replaced it, the fresh lock is put back and this run reports the mirror locked.
 */
async function moveStaleAside(path: string, stale: LockOwner | null): Promise<boolean> {
  const aside = tempNameFor(`${path}.stale`);
  try {
    await rename(path, aside);
  } catch {
    return true; // already gone: try to create it again
  }
  const moved = await readOwner(aside);
  const same = moved !== "gone" && JSON.stringify(moved) === JSON.stringify(stale);
  if (!same) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return same;
}

async function releaseLock(path: string, content: string): Promise<void> {
  const current = await readFile(path, "utf8").catch(() => null);
  if (current === content) await unlink(path).catch(() => undefined);
}

function lockedFailure(path: string, owner: LockOwner | null): { code: string; message: string; file: string } {
  const who = owner === null ? "another run" : `process ${owner.pid} on ${owner.host || "an unknown host"}`;
  const since = owner === null ? "" : ` since ${owner.since}`;
  return { code: "archive.locked", message: `${path} is held by ${who}${since}; wait for that run to finish`, file: path };
}
