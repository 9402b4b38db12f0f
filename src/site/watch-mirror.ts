// Watches a mirror's inputs (posts, settings, layouts, includes, assets) and calls back once per burst of changes.
import { watch, type FSWatcher } from "node:fs";
import { join } from "node:path";

/** What a build reads; a change to any of them calls for a rebuild. */
const WATCHED = ["_posts", "_config.yml", "_layouts", "_includes", "assets"];

/**
 * Calls `onChange` `quietMs` after the last change of a burst (the archive writes many posts per run).
 * Returns a function that stops watching. Paths that do not exist are skipped.
 */
export function watchMirror(dir: string, onChange: () => void, quietMs = 300): () => void {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | null = null;
  const changed = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, quietMs);
  };
  for (const name of WATCHED) {
    try {
      // Recursive watching is supported on Linux from Node 20 (fs.watch `recursive`).
      watchers.push(watch(join(dir, name), { recursive: true }, changed));
    } catch {
      // Not there (no _layouts/ of its own, say): nothing to watch.
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
