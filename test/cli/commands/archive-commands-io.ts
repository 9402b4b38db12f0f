// A captured Io for the import and reindex command tests.
import type { Io } from "../../../src/cli/io.js";

export function captureIo(cwd: string): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    isTTY: false,
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}
