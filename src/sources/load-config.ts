// A mirror folder's subs.json and newsmirror.yml, read, checked and merged into one `MirrorConfig`.
//
// How the two files combine:
// - Sources are the entries of subs.json, in its order, followed by the newsmirror.yml entries
//   whose URL is not in subs.json.
// - A newsmirror.yml entry whose URL is also in subs.json adds to that source: its keys win key
//   by key over the subs.json entry (`site` too); it may leave out `site`.
// - Options, lowest first: built-in defaults, newsmirror.yml `defaults`, the subs.json entry, the
//   newsmirror.yml entry.
// - The same URL twice in one file is an error naming both lines. URLs compare as WHATWG URLs, so
//   "HTTPS://Example.com" and "https://example.com/" are the same feed.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fail, ok, type Failure, type Result } from "../result.js";
import { problemsToFailure, type ConfigProblem } from "./config-node.js";
import { DEFAULT_FETCH_SETTINGS, DEFAULT_SOURCE_OPTIONS } from "./defaults.js";
import type { MirrorConfig, Source, SourceOptions } from "./index.js";
import { MIRROR_YML, readMirrorYml, type MirrorYmlReading } from "./mirror-yml.js";
import type { DeclaredSource } from "./source-entry.js";
import { readSubsJson, SUBS_JSON } from "./subs-json.js";
import { sourceKey } from "./url.js";

export { formatProblem } from "./config-node.js";

/** Reads `dir`'s config files; failure "sources.missing" when neither exists, "sources.invalid" with file and line. */
export async function loadMirrorConfig(dir: string): Promise<Result<MirrorConfig>> {
  const subsFile = join(dir, SUBS_JSON);
  const ymlFile = join(dir, MIRROR_YML);
  const subsText = await readOptionalFile(subsFile);
  const ymlText = await readOptionalFile(ymlFile);
  for (const text of [subsText, ymlText]) if (text !== null && typeof text !== "string") return fail(text);
  if (subsText === null && ymlText === null) {
    return fail({
      code: "sources.missing",
      message: `no ${SUBS_JSON} or ${MIRROR_YML} in ${dir}; run \`newsmirror init ${dir}\` to create a mirror there, or pass --dir`,
      file: subsFile,
    });
  }
  const subs = typeof subsText === "string" ? readSubsJson(subsText, subsFile) : { sources: [], problems: [] };
  const yml = typeof ymlText === "string" ? readMirrorYml(ymlText, ymlFile) : emptyYml();
  const problems = [...subs.problems, ...yml.problems];
  problems.push(...findDuplicates(subs.sources, subsFile), ...findDuplicates(yml.sources, ymlFile));
  const merged = mergeSources(subs.sources, subsFile, yml, ymlFile, problems);
  if (problems.length > 0) return fail(problemsToFailure(problems));
  const files = [...(subsText === null ? [] : [subsFile]), ...(ymlText === null ? [] : [ymlFile])];
  const defaults = { ...DEFAULT_SOURCE_OPTIONS, ...yml.defaults };
  return ok({ sources: merged, defaults, fetch: { ...DEFAULT_FETCH_SETTINGS, ...yml.fetch }, files });
}

function mergeSources(
  subs: DeclaredSource[],
  subsFile: string,
  yml: MirrorYmlReading,
  ymlFile: string,
  problems: ConfigProblem[],
): Source[] {
  const base: SourceOptions = { ...DEFAULT_SOURCE_OPTIONS, ...yml.defaults };
  const overrides = new Map(yml.sources.map((source) => [sourceKey(source.url), source]));
  const subsKeys = new Set(subs.map((source) => sourceKey(source.url)));
  const merged: Source[] = subs.map((declared) => {
    const override = overrides.get(sourceKey(declared.url));
    const site = override?.site ?? (declared.site as string);
    const options = { ...base, ...declared.options, ...override?.options };
    return toSource(site, declared.url, options, subsFile, declared.line);
  });
  for (const declared of yml.sources) {
    if (subsKeys.has(sourceKey(declared.url))) continue;
    if (declared.site === null) {
      problems.push({
        file: ymlFile,
        line: declared.line,
        message: `\`site\` is missing in the entry for ${declared.url}; an entry without \`site\` only adds options to a ${SUBS_JSON} source, and ${SUBS_JSON} has no source with this url`,
      });
      continue;
    }
    merged.push(toSource(declared.site, declared.url, { ...base, ...declared.options }, ymlFile, declared.line));
  }
  return merged;
}

function toSource(site: string, url: string, options: SourceOptions, file: string, line: number): Source {
  return {
    ...options,
    include: [...options.include],
    exclude: [...options.exclude],
    remove: [...options.remove],
    site,
    url,
    origin: { file, line },
  };
}

function findDuplicates(sources: DeclaredSource[], file: string): ConfigProblem[] {
  const firstLine = new Map<string, number>();
  const problems: ConfigProblem[] = [];
  for (const source of sources) {
    const key = sourceKey(source.url);
    const earlier = firstLine.get(key);
    if (earlier === undefined) firstLine.set(key, source.line);
    else problems.push({ file, line: source.line, message: `${source.url} is listed twice, at lines ${earlier} and ${source.line}; remove one` });
  }
  return problems;
}

function emptyYml(): MirrorYmlReading {
  return { defaults: {}, fetch: {}, sources: [], problems: [] };
}

/** The file's text, null when it does not exist, or a failure saying why it cannot be read. */
async function readOptionalFile(file: string): Promise<string | null | Failure> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    return {
      code: "sources.unreadable",
      message: `cannot read ${file} (${code ?? String(error)}); check that it is a readable file`,
      file,
      cause: error,
    };
  }
}
