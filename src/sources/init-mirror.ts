// `newsmirror init`: a new mirror folder with the default sources; an existing file is never touched.
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { fail, ok, type Result } from "../result.js";
import { DEFAULT_SOURCES } from "./defaults.js";
import { formatJekyllConfig, MIRROR_YML_TEMPLATE } from "./init-template.js";
import { MIRROR_YML } from "./mirror-yml.js";
import { formatSubsJson, SUBS_JSON } from "./subs-json.js";

/** The URL ledger of the original system: one article URL a line. */
const LEDGER = "allurls.dat";
const POSTS = "_posts";

/**
 * Creates `dir` (and parents) with `_posts/`, subs.json, newsmirror.yml, _config.yml and
 * allurls.dat; lists what it created, in that order (folders end in "/"). Existing files and
 * folders are left exactly as they are, so init on an existing mirror adds only what is missing.
 */
export async function initMirror(dir: string): Promise<Result<{ created: string[] }>> {
  const created: string[] = [];
  const files: Array<[string, string]> = [
    [SUBS_JSON, formatSubsJson(DEFAULT_SOURCES, true)],
    [MIRROR_YML, MIRROR_YML_TEMPLATE],
    ["_config.yml", formatJekyllConfig(basename(resolve(dir)) || "newsmirror")],
    [LEDGER, ""],
  ];
  try {
    await mkdir(dir, { recursive: true });
    if (await makeFolder(join(dir, POSTS))) created.push(`${POSTS}/`);
    for (const [name, text] of files) if (await writeNewFile(join(dir, name), text)) created.push(name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return fail({
      code: "sources.unwritable",
      message: `cannot create the mirror in ${dir} (${code}); check that the folder is writable and is not a file`,
      file: dir,
      cause: error,
    });
  }
  return ok({ created });
}

async function makeFolder(path: string): Promise<boolean> {
  try {
    await mkdir(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Writes only when nothing is at `path` ("wx": O_CREAT | O_EXCL, so no race with another writer). */
async function writeNewFile(path: string, text: string): Promise<boolean> {
  try {
    await writeFile(path, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}
