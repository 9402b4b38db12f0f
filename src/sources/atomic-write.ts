// Replacing a config file whole: a crash leaves the old file or the new one, never half of either.
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";

/** Temp file and rename in the same folder: a crash leaves the old file or the new, never half. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
