// Output folders between timed builds are renamed into a trash folder and removed once the timing is over.
//
// Why not remove them: on ext4 without a journal (this machine's root file system), the kernel will not reuse an
// inode freed in the last 60 seconds (360 while its block is dirty), and finds that out by scanning the inode
// table for every file it creates (`recently_deleted()`, seen under `perf record`). Right after removing a site of
// 10,000 pages, creating 10,000 folders took 3.4 s of system time; 40 s later, 0.34 s. A build timed just after a
// removal measures that scan, for newsmirror and Hugo alike, and swings with how recent the removal was. A real
// full build writes into a new folder or over an existing site, neither of which pays it.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TRASH = join(tmpdir(), "newsmirror-bench-trash");
const moved: string[] = [];

/** Moves `path` (if present) out of the way into the trash folder, on the same file system as the benchmarks'. */
export function setAside(path: string): void {
  if (!existsSync(path)) return;
  mkdirSync(TRASH, { recursive: true });
  const to = join(TRASH, `${process.pid}-${moved.length}`);
  renameSync(path, to);
  moved.push(to);
}

/** Removes what this process set aside, once nothing is timed any more (another benchmark's trash is its own). */
export function emptyTrash(): void {
  for (const path of moved.splice(0)) rmSync(path, { recursive: true, force: true });
}
