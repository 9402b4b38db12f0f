// File-system errors of the archive as failures with a code the status command can show.
import { fail, type Failure, type Result } from "../result.js";

/** errno codes that mean "no room left" (POSIX ENOSPC; EDQUOT for a user quota). */
const DISK_FULL_CODES = new Set(["ENOSPC", "EDQUOT"]);

/** `archive.disk-full` for ENOSPC/EDQUOT (saying what to do), else `archive.io` naming the path and errno. */
export function ioFailure(error: unknown, doing: string, path: string): Failure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "";
  if (DISK_FULL_CODES.has(code)) {
    return {
      code: "archive.disk-full",
      message: `the disk is full while ${doing} ${path} (${code}); free some space and run again: what was written so far is kept and nothing is duplicated`,
      file: path,
      cause: error,
    };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { code: "archive.io", message: `could not ${doing} ${path}: ${reason}`, file: path, cause: error };
}

export function ioFail<T>(error: unknown, doing: string, path: string): Result<T> {
  return fail(ioFailure(error, doing, path));
}

/** The errno code of a thrown file-system error, or "". */
export function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? "";
}
