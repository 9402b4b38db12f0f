// The site's output folder: writes and removes files by site path and refuses any path outside its root (STYLE 11).
// Sync calls: a build writes thousands of small files in a row, and each async call costs a round trip to the
// thread pool (open, write, close) that measured more than the write itself.
import { closeSync, copyFileSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, rmdirSync, rmSync, writeFileSync, writevSync } from "node:fs";
import { dirname, isAbsolute, resolve, sep } from "node:path";

/** A page's bytes: text, bytes, or bytes in parts (a post page around its article's bytes), written one after another. */
export type PageBytes = string | Uint8Array | readonly Uint8Array[];

export interface OutputDir {
  readonly root: string;
  /** Writes `data` at the site path `path` ("a/b/index.html"), creating folders; a file that holds `data` already is left as it is. */
  write(path: string, data: PageBytes): Promise<void>;
  /** Copies the file `from` to the site path `path`. */
  copy(path: string, from: string): Promise<void>;
  /** The bytes of the file at `path`; undefined when there is none or it cannot be read. */
  read(path: string): Buffer | undefined;
  /** Removes the file at `path` (missing is fine) and the folders it leaves empty. */
  remove(path: string): Promise<void>;
}

/** The absolute file for a site path, or null when the path is absolute, has "..", NUL, or leaves `root`. */
export function resolveInside(root: string, path: string): string | null {
  if (path === "" || path.includes("\0") || isAbsolute(path) || /^[a-zA-Z]:/.test(path)) return null;
  if (path.split(/[\\/]/).some((part) => part === "..")) return null;
  const base = resolve(root);
  const full = resolve(base, path);
  return full.startsWith(base + sep) ? full : null;
}

class OutsideRootError extends Error {}

/** Whether the file `full` holds exactly `bytes`; a missing or unreadable one does not. Reads only a file of the same size. */
function hasSameBytes(full: string, bytes: Uint8Array): boolean {
  let fd: number;
  try {
    fd = openSync(full, "r");
  } catch {
    return false;
  }
  try {
    if (fstatSync(fd).size !== bytes.length) return false;
    const old = Buffer.allocUnsafe(bytes.length);
    return readSync(fd, old, 0, bytes.length, 0) === bytes.length && old.equals(bytes);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** Writes `parts` one after another as the file `full`, with one system call when the kernel takes them all. */
function writeParts(full: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(full, "w");
  try {
    let left = parts.filter((part) => part.byteLength > 0);
    while (left.length > 0) {
      let written = writevSync(fd, left);
      // A short write (a full disk) leaves the rest, from the part it stopped in.
      const rest: Uint8Array[] = [];
      for (const part of left) {
        if (written >= part.byteLength) written -= part.byteLength;
        else {
          rest.push(part.subarray(written));
          written = 0;
        }
      }
      left = rest;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * An `OutputDir` on the disk at `root`. A refused path throws: only a bug in the plan can produce one.
 * A page whose bytes did not change is not written again: on ext4, rewriting a file costs more than reading it
 * (a full rebuild of 10,000 posts spent a third of its time in writes of the same bytes), and an unchanged page
 * keeps its mtime, so a deploy that copies by mtime (rsync) sends only what changed.
 */
export function createOutputDir(root: string): OutputDir {
  const made = new Set<string>();
  /** Folders this build created: the files in them are new, so there is nothing to compare. */
  const created = new Set<string>();
  const base = resolve(root);
  const target = (path: string): string => {
    const full = resolveInside(base, path);
    if (full === null) throw new OutsideRootError(`refused to touch "${path}": outside the output folder ${base}`);
    return full;
  };
  const ensureDir = (dir: string): void => {
    if (made.has(dir)) return;
    if (mkdirSync(dir, { recursive: true }) !== undefined) created.add(dir);
    made.add(dir);
  };
  return {
    root: base,
    async write(path, data) {
      const full = target(path);
      ensureDir(dirname(full));
      // Parts are written as they are, without joining them first: a joined page would be garbage at once.
      if (created.has(dirname(full))) return Array.isArray(data) ? writeParts(full, data) : writeFileSync(full, data as string | Uint8Array);
      // Encoded once, for the comparison and the write.
      const bytes = typeof data === "string" ? Buffer.from(data) : Array.isArray(data) ? Buffer.concat(data) : (data as Uint8Array);
      if (!hasSameBytes(full, bytes)) writeFileSync(full, bytes);
    },
    read(path) {
      const full = target(path);
      try {
        return readFileSync(full);
      } catch {
        return undefined;
      }
    },
    async copy(path, from) {
      const full = target(path);
      ensureDir(dirname(full));
      copyFileSync(from, full);
    },
    async remove(path) {
      const full = target(path);
      rmSync(full, { force: true });
      // Drop folders left empty, up to the root; a folder with anything left stops it.
      for (let dir = dirname(full); dir.startsWith(base + sep); dir = dirname(dir)) {
        try {
          rmdirSync(dir);
          made.delete(dir);
          created.delete(dir);
        } catch {
          break;
        }
      }
    },
  };
}

