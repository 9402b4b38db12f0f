// fsync by path: a file's data, or a folder's entries, made durable before the next step relies on them.
import { open } from "node:fs/promises";
import { ok, type Result } from "../result.js";
import { errnoCode, ioFail } from "./io-failure.js";

/** Opens `path` read-only and fsyncs it (POSIX fsync(2) works on a descriptor opened for reading). Throws what open/fsync throw. */
async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync of a folder, so a rename or link in it survives a power cut (ignored where folders cannot be opened). */
export async function syncDirectory(path: string): Promise<void> {
  try {
    await fsyncPath(path);
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the rename itself is still atomic there.
  }
}

/** fsync of a file's data; a file that is already gone is nothing to make durable. */
export async function syncFile(path: string): Promise<Result<void>> {
  try {
    await fsyncPath(path);
    return ok(undefined);
  } catch (error) {
    return errnoCode(error) === "ENOENT" ? ok(undefined) : ioFail(error, "sync", path);
  }
}
