// The site's output folder: writes and removes files by site path and refuses any path outside its root (STYLE 11).
// Sync calls: a build writes thousands of small files in a row, and each async call costs a round trip to the
// thread pool (open, write, close) that measured more than the write itself.
import { copyFileSync, mkdirSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, resolve, sep } from "node:path";

export interface OutputDir {
  readonly root: string;
  /** Writes `data` at the site path `path` ("a/b/index.html"), creating folders. */
  write(path: string, data: string | Uint8Array): Promise<void>;
  /** Copies the file `from` to the site path `path`. */
  copy(path: string, from: string): Promise<void>;
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

/** An `OutputDir` on the disk at `root`. A refused path throws: only a bug in the plan can produce one. */
export function createOutputDir(root: string): OutputDir {
  const made = new Set<string>();
  const base = resolve(root);
  const target = (path: string): string => {
    const full = resolveInside(base, path);
    if (full === null) throw new OutsideRootError(`refused to touch "${path}": outside the output folder ${base}`);
    return full;
  };
  const ensureDir = (dir: string): void => {
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
  return {
    root: base,
    async write(path, data) {
      const full = target(path);
      ensureDir(dirname(full));
      writeFileSync(full, data);
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
        } catch {
          break;
        }
      }
    },
  };
}

