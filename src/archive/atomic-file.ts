// Whole-file writes that are never seen half done: temp file, fsync, rename (POSIX rename(2) is atomic).
import { open, rename, unlink } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { ok, type Result } from "../result.js";
import { syncDirectory } from "./fsync.js";
import { ioFail } from "./io-failure.js";

let counter = 0;

/** A temp name beside `path`, unique per process and call, dot-prefixed so Jekyll and `readPosts` skip it. */
export function tempNameFor(path: string): string {
  counter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${counter}.tmp`);
}

/** Replaces `path` with `content` atomically: readers see the old file or the new one, never a mix. */
export async function writeFileAtomically(path: string, content: string): Promise<Result<void>> {
  const temp = tempNameFor(path);
  try {
    const handle = await open(temp, "w");
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncDirectory(dirname(path));
    return ok(undefined);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return ioFail(error, "write", path);
  }
}
