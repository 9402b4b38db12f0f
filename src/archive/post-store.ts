// `_posts/` on disk: posts staged whole in `.newsmirror/incoming/`, then linked into place without overwriting.
import { constants } from "node:fs";
import { copyFile, link, mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ok, type Result } from "../result.js";
import { syncDirectory, syncFile } from "./fsync.js";
import { errnoCode, ioFail } from "./io-failure.js";

/*
 * Writing a post: (1) its bytes go to `incoming/<id>.tmp`, renamed to `<id>.md` once complete; (2) that file
 * is hard-linked to `_posts/<name>` (link(2) fails with EEXIST rather than overwrite, so a name collision is
 * seen atomically); (3) the ledger line is recorded; (4) at the next checkpoint the posts are fsynced, then
 * the ledger lines written and fsynced, then the staged copies removed. A crash after (1) leaves a complete
 * post in `incoming/`, which the next open finishes (links it if needed, adds it to the ledger); a crash
 * inside (1) leaves only a `.tmp`, dropped. Where hard links are unsupported the post is copied instead
 * (COPYFILE_EXCL, still never overwriting); that copy is not fsynced with the batch.
 */
export const POSTS_DIR = "_posts";
/** The mirror's own folder: state, index, lock and staged posts (deleting it loses nothing, DESIGN.md). */
export const STATE_DIR = ".newsmirror";
export const INCOMING_DIR = "incoming";

/** errno codes of file systems without hard links (FAT, some network shares): fall back to an exclusive copy. */
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "ENOSYS"]);

/** fsyncs in flight at once when a batch is made durable. */
const PARALLEL_SYNCS = 32;

export interface Staged {
  id: string;
  path: string;
  /** The item's guid, kept beside the staged post because the post itself does not hold it. */
  guid: string | null;
}

let sequence = 0;

export class PostStore {
  readonly postsDir: string;
  readonly incomingDir: string;

  constructor(dir: string, stateDir: string) {
    this.postsDir = join(dir, POSTS_DIR);
    this.incomingDir = join(stateDir, INCOMING_DIR);
  }

  async ensureFolders(): Promise<Result<void>> {
    try {
      await mkdir(this.postsDir, { recursive: true });
      await mkdir(this.incomingDir, { recursive: true });
      return ok(undefined);
    } catch (error) {
      return ioFail(error, "create", this.postsDir);
    }
  }

  /** File names of the posts (`*.md`, not dot files: Jekyll ignores those too). */
  async list(): Promise<Result<string[]>> {
    try {
      const names = await readdir(this.postsDir);
      return ok(names.filter((name) => name.endsWith(".md") && !name.startsWith(".")).sort());
    } catch (error) {
      if (errnoCode(error) === "ENOENT") return ok([]);
      return ioFail(error, "list", this.postsDir);
    }
  }

  /** A post's text, or null when there is no such file. */
  async read(fileName: string): Promise<Result<string | null>> {
    const path = join(this.postsDir, fileName);
    try {
      return ok(await readFile(path, "utf8"));
    } catch (error) {
      if (errnoCode(error) === "ENOENT") return ok(null);
      return ioFail(error, "read", path);
    }
  }

  /** Step (1): the post complete in `incoming/` (its guid first in `<id>.guid`). */
  async stage(text: string, guid: string | null): Promise<Result<Staged>> {
    sequence += 1;
    const id = `${Date.now().toString(36)}-${process.pid}-${sequence}`;
    const path = join(this.incomingDir, `${id}.md`);
    const temp = join(this.incomingDir, `${id}.tmp`);
    try {
      if (guid !== null) await writeFile(join(this.incomingDir, `${id}.guid`), guid, "utf8");
      await writeFile(temp, text, "utf8");
      await rename(temp, path);
      return ok({ id, path, guid });
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      return ioFail(error, "write", temp);
    }
  }

  /** Step (2): "placed", or "taken" when `_posts/<fileName>` already exists (nothing is overwritten). */
  async place(staged: Staged, fileName: string): Promise<Result<"placed" | "taken">> {
    const target = join(this.postsDir, fileName);
    try {
      await link(staged.path, target);
      return ok("placed");
    } catch (error) {
      if (errnoCode(error) === "EEXIST") return ok("taken");
      if (!NO_HARD_LINKS.has(errnoCode(error))) return ioFail(error, "write", target);
    }
    try {
      await copyFile(staged.path, target, constants.COPYFILE_EXCL);
      return ok("placed");
    } catch (error) {
      if (errnoCode(error) === "EEXIST") return ok("taken");
      return ioFail(error, "write", target);
    }
  }

  /** Step (4a): makes the placed posts durable (their data, and the folder entries naming them). */
  async makeDurable(staged: readonly Staged[]): Promise<Result<void>> {
    // fsyncs run side by side, so the file system can commit several in one journal transaction.
    for (let start = 0; start < staged.length; start += PARALLEL_SYNCS) {
      const batch = staged.slice(start, start + PARALLEL_SYNCS);
      const failures = (await Promise.all(batch.map((item) => syncFile(item.path)))).filter((result) => !result.ok);
      if (failures.length > 0) return failures[0] as Result<void>;
    }
    if (staged.length > 0) await syncDirectory(this.postsDir);
    return ok(undefined);
  }

  /** Step (4c), once the ledger holds them: the staged copies are no longer needed. */
  async release(staged: readonly Staged[]): Promise<void> {
    for (const item of staged) await this.drop(item);
  }

  /** Staged posts a crashed run left; unfinished `.tmp` files are removed. */
  async leftovers(): Promise<Result<Array<Staged & { text: string }>>> {
    let names: string[];
    try {
      names = await readdir(this.incomingDir);
    } catch (error) {
      if (errnoCode(error) === "ENOENT") return ok([]);
      return ioFail(error, "list", this.incomingDir);
    }
    const found: Array<Staged & { text: string }> = [];
    const posts = new Set(names.filter((name) => name.endsWith(".md")).map((name) => name.slice(0, -3)));
    for (const name of names.sort()) {
      const path = join(this.incomingDir, name);
      const id = name.replace(/\.(md|guid|tmp)$/, "");
      if (name.endsWith(".md") || (name.endsWith(".guid") && posts.has(id))) continue;
      await unlink(path).catch(() => undefined);
    }
    for (const id of [...posts].sort()) {
      const path = join(this.incomingDir, `${id}.md`);
      try {
        const guid = await readFile(join(this.incomingDir, `${id}.guid`), "utf8").catch(() => null);
        found.push({ id, path, guid, text: await readFile(path, "utf8") });
      } catch (error) {
        return ioFail(error, "read", path);
      }
    }
    return ok(found);
  }

  async drop(staged: Staged): Promise<void> {
    await unlink(staged.path).catch(() => undefined);
    if (staged.guid !== null) await unlink(join(this.incomingDir, `${staged.id}.guid`)).catch(() => undefined);
  }
}
