// Lists the post files under `_posts/` with their size and mtime, here or on a worker thread beside the build.
import { readdirSync, statSync } from "node:fs";
import { moduleWorker } from "./module-worker.js";

/** Extensions Jekyll renders as posts by default (markdown and HTML converters). */
const POST_EXTENSIONS = /\.(md|markdown|mkdown|mkdn|mkd|html|htm)$/i;

export interface FileStat {
  /** Path under `_posts/`, "/"-separated. */
  fileName: string;
  size: number;
  mtimeMs: number;
}

/**
 * Names of the post files under `postsDir` (subfolders too, as Jekyll reads them), skipping dot- and
 * underscore-names; symbolic links are included, `statPostFiles` tells which lead to files.
 */
export function listPostNames(postsDir: string, prefix = ""): string[] {
  let entries;
  try {
    entries = readdirSync(postsDir, { withFileTypes: true });
  } catch (error) {
    if (prefix === "" && (error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    if (entry.isDirectory()) {
      names.push(...listPostNames(`${postsDir}/${entry.name}`, `${prefix}${entry.name}/`));
      continue;
    }
    if (POST_EXTENSIONS.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) names.push(prefix + entry.name);
  }
  return names;
}

/** Sizes and mtimes of `names` under `postsDir`; NaN for a name that is not a file (or no longer there). */
export function statPostFiles(postsDir: string, names: readonly string[]): { sizes: Float64Array; mtimes: Float64Array } {
  const sizes = new Float64Array(names.length);
  const mtimes = new Float64Array(names.length);
  names.forEach((name, i) => {
    const stat = statSync(`${postsDir}/${name}`, { throwIfNoEntry: false });
    sizes[i] = stat?.isFile() ? stat.size : Number.NaN;
    mtimes[i] = stat?.isFile() ? stat.mtimeMs : Number.NaN;
  });
  return { sizes, mtimes };
}

/** The files among `names` with their stats (`statPostFiles`). */
export function filesOf(names: readonly string[], stats: { sizes: Float64Array; mtimes: Float64Array }): FileStat[] {
  const files: FileStat[] = [];
  names.forEach((fileName, i) => {
    if (!Number.isNaN(stats.sizes[i]!)) files.push({ fileName, size: stats.sizes[i]!, mtimeMs: stats.mtimes[i]! });
  });
  return files;
}

/** Post files under `postsDir` with their size and mtime. */
export function listPostFiles(postsDir: string): FileStat[] {
  const names = listPostNames(postsDir);
  return filesOf(names, statPostFiles(postsDir, names));
}

/** What the list worker sends: the names first (`listPostNames`), then their stats (`statPostFiles`). */
export type ListMessage = { names: string[] } | { sizes: Float64Array; mtimes: Float64Array };

/** A listing in two steps: the names as soon as the folder is read, the stats once every file is. */
export interface PostListing {
  names: Promise<string[]>;
  files: Promise<FileStat[]>;
}

/** The listing made here, at once. */
export function listPostFilesHere(postsDir: string): PostListing {
  try {
    const files = listPostFiles(postsDir);
    return { names: Promise.resolve(files.map((f) => f.fileName)), files: Promise.resolve(files) };
  } catch (error) {
    const failed = Promise.reject(error);
    failed.catch(() => undefined);
    return { names: failed as Promise<string[]>, files: failed as Promise<FileStat[]> };
  }
}

/**
 * Lists `postsDir` on a worker thread, so the build's thread can go on meanwhile: at 100,000 posts the names
 * take 0.2 to 0.3 s and the stats 0.3 to 0.5 s more, and a build of new posts needs the stats only to check,
 * at its end, that no other post was edited. Any trouble on the worker (it could not start, a folder it could
 * not read) lists here instead, which also gives the error its usual form.
 */
export function listPostFilesAside(postsDir: string): PostListing {
  let worker: ReturnType<typeof moduleWorker> | undefined;
  try {
    worker = moduleWorker("list-worker", postsDir, 64);
  } catch {
    return listPostFilesHere(postsDir);
  }
  const started = worker;
  let names: string[] | undefined;
  let resolveNames!: (names: string[]) => void;
  let rejectNames!: (error: unknown) => void;
  const namesPromise = new Promise<string[]>((resolve, reject) => {
    resolveNames = resolve;
    rejectNames = reject;
  });
  const files = new Promise<FileStat[]>((resolve, reject) => {
    const here = (): void => {
      const listed = listPostFilesHere(postsDir);
      listed.names.then(resolveNames, rejectNames);
      listed.files.then(resolve, reject);
    };
    started.on("message", (message: ListMessage | null) => {
      if (message === null) {
        void started.terminate();
        if (names === undefined) here();
        else resolve(filesOf(names, statPostFiles(postsDir, names)));
      } else if ("names" in message) {
        names = message.names;
        resolveNames(names);
      } else {
        void started.terminate();
        resolve(filesOf(names!, message));
      }
    });
    const gone = (): void => {
      if (names === undefined) here();
      else resolve(filesOf(names, statPostFiles(postsDir, names)));
    };
    started.once("error", gone);
    started.once("exit", gone);
  });
  // Handled where they are awaited; a build that stops before then must not die of an unhandled rejection.
  namesPromise.catch(() => undefined);
  files.catch(() => undefined);
  return { names: namesPromise, files };
}
