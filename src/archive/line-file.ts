// Append-only line files (the ledger, guids, index, revisions): read once line by line, then only appended to.
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { ok, type Result } from "../result.js";
import { errnoCode, ioFail } from "./io-failure.js";

/** Calls `onLine` for every line of `path` (CR and LF ends); a missing file has no lines. */
export async function readLines(path: string, onLine: (line: string) => void): Promise<Result<void>> {
  try {
    const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
    let rest = "";
    for await (const chunk of stream as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        emit(text.slice(start, end), onLine);
        start = end + 1;
      }
      rest = text.slice(start);
    }
    if (rest !== "") emit(rest, onLine);
    return ok(undefined);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return ok(undefined);
    return ioFail(error, "read", path);
  }
}

function emit(line: string, onLine: (line: string) => void): void {
  onLine(line.endsWith("\r") ? line.slice(0, -1) : line);
}

/** A line file opened for appending; each line is handed to the kernel at once, fsync comes in batches. */
export class AppendFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /** Opens (creating) `path`; when its last line lacks an end (a cut write), a newline is added first. */
  static async open(path: string): Promise<Result<AppendFile>> {
    try {
      const handle = await open(path, "a+");
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) await handle.write("\n");
      }
      return ok(new AppendFile(path, handle));
    } catch (error) {
      return ioFail(error, "open", path);
    }
  }

  /** Appends `lines`, each followed by LF, in one write. */
  async append(lines: readonly string[]): Promise<Result<void>> {
    if (lines.length === 0) return ok(undefined);
    try {
      await this.handle.write(lines.map((line) => `${line}\n`).join(""));
      return ok(undefined);
    } catch (error) {
      return ioFail(error, "append to", this.path);
    }
  }

  async sync(): Promise<Result<void>> {
    try {
      await this.handle.sync();
      return ok(undefined);
    } catch (error) {
      return ioFail(error, "sync", this.path);
    }
  }

  async close(): Promise<void> {
    await this.handle.sync().catch(() => undefined);
    await this.handle.close().catch(() => undefined);
  }
}
