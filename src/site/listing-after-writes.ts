// A listing of `_posts/` begun before this process wrote posts into it, made true for after them: `newsmirror run`
// begins listing the folder once the mirror is open, and its fetch writes meanwhile (build-after-fetch.ts).
import type { PostFileChanges } from "../archive/index.js";
import { filesOf, statPostFiles } from "./post-files.js";
import type { PostListing } from "./post-listing.js";

/**
 * `listing`, begun before this process wrote `changes` into `_posts/`, made true for after them. Created files
 * are new whether the folder was read before or after them; their stats, and those of rewritten files, are taken
 * now; a rewritten file the index knows is an edit. (Another program's change after the folder was read is seen
 * by the next build, as one made during a build is.)
 */
export function withPostFiles(listing: PostListing, postsDir: string, changes: PostFileChanges): PostListing {
  const names = [...new Set([...changes.created, ...changes.rewritten])];
  const fresh = new Map(filesOf(names, statPostFiles(postsDir, names)).map((file) => [file.fileName, file]));
  const created = new Set(changes.created);
  const delta = listing.delta.then((listed) => {
    if (!listed) return null;
    const newNames = new Set(listed.newNames);
    const told = changes.created.filter((name) => !newNames.has(name) && fresh.has(name));
    for (const name of told) newNames.add(name);
    // Rewritten and neither listed as new nor created here: a file the index knows.
    const edited = listed.edited === true || changes.rewritten.some((name) => !newNames.has(name) && !created.has(name));
    return { ...listed, newNames: [...newNames], edited, told: [...(listed.told ?? []), ...told] };
  });
  const check = Promise.all([listing.check, delta]).then(([checked, after]) => {
    if (!checked || !after) return null;
    const isNew = new Set(after.newNames);
    const newFiles = checked.newFiles.filter((file) => !fresh.has(file.fileName));
    for (const file of fresh.values()) if (isNew.has(file.fileName)) newFiles.push(file);
    return { edited: checked.edited || after.edited === true, newFiles };
  });
  delta.catch(() => undefined);
  check.catch(() => undefined);
  return {
    delta,
    check,
    files: async () => {
      const files = (await listing.files()).map((file) => fresh.get(file.fileName) ?? file);
      const listed = new Set(files.map((file) => file.fileName));
      for (const file of fresh.values()) if (!listed.has(file.fileName)) files.push(file);
      return files;
    },
    close: listing.close,
  };
}
