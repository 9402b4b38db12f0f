// `newsmirror sources list | add | remove | import | export`: shows and edits the mirror's feed list.
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import {
  addSource,
  formatOpml,
  formatSourceTable,
  importSources,
  loadMirrorConfig,
  OPTION_FLAG_KEYS,
  parseOpml,
  readOptionFlags,
  removeSource,
} from "../../sources/index.js";
import type { Failure } from "../../result.js";
import { parseRepeatedArgs, usageError, type RepeatedArgs } from "../args.js";
import { EXIT, type Command, type Io } from "../io.js";
import { describeFailure } from "../messages.js";

const usage = `usage: newsmirror sources <list|add|remove|import|export> [--dir DIR] ...
  list [--json]                       the sources: site, url, enabled, options set
  add --site NAME --url URL [OPTIONS] add a feed; OPTIONS are --enabled, --clean (true|false),
                                      --full-text always|auto|never, --images mirror|hotlink,
                                      --author, --proxy, --user-agent, --timezone ZONE, and
                                      --include, --exclude, --remove (repeat for several)
  remove URL|NAME                     remove the feed with this url, or every feed of this site
  import FILE.opml                    add the feeds of an OPML file, skipping known urls
  export [--title TEXT]               print the sources as OPML 2.0
  --dir DIR                           the mirror folder (default: the current folder)`;

/** Flags that take no value. */
const SWITCHES = ["json"];

/** A misuse of `sources`: its usage and the problem. */
function misuse(io: Io, problem: string): number {
  return usageError(io, usage, "sources", problem);
}

function failed(io: Io, failure: Failure): number {
  io.stderr(`newsmirror: ${describeFailure(failure)}\n`);
  return EXIT.failed;
}

/** The one value of `name`, or an error when it is given more than once. */
function single(flags: RepeatedArgs, name: string): string | undefined | { error: string } {
  const values = flags.pairs.filter(([flag]) => flag === name).map(([, value]) => value);
  if (values.length > 1) return { error: `--${name} given ${values.length} times` };
  return values[0];
}

/** Rejects flags the subcommand does not take. */
function unknownFlag(flags: RepeatedArgs, allowed: readonly string[], switches: readonly string[] = []): string | null {
  const pair = flags.pairs.find(([name]) => !allowed.includes(name));
  if (pair) return `unknown option --${pair[0]}`;
  const flag = [...flags.switches].find((name) => !switches.includes(name));
  return flag === undefined ? null : `unknown option --${flag}`;
}

type Subcommand = (flags: RepeatedArgs, dir: string, io: Io) => Promise<number>;

const list: Subcommand = async (flags, dir, io) => {
  const problem = unknownFlag(flags, ["dir"], ["json"]) ?? (flags.positionals.length > 0 ? `unexpected argument ${flags.positionals[0]}` : null);
  if (problem) return misuse(io, problem);
  const config = await loadMirrorConfig(dir);
  if (!config.ok) return failed(io, config.failure);
  if (flags.switches.has("json")) io.stdout(`${JSON.stringify({ sources: config.value.sources }, null, 2)}\n`);
  else io.stdout(formatSourceTable(config.value));
  return EXIT.ok;
};

const add: Subcommand = async (flags, dir, io) => {
  const problem = unknownFlag(flags, ["dir", "site", "url", ...OPTION_FLAG_KEYS]) ?? (flags.positionals.length > 0 ? `unexpected argument ${flags.positionals[0]}` : null);
  if (problem) return misuse(io, problem);
  const site = single(flags, "site");
  const url = single(flags, "url");
  if (typeof site === "object") return misuse(io, site.error);
  if (typeof url === "object") return misuse(io, url.error);
  if (site === undefined || url === undefined) return misuse(io, "add needs --site NAME and --url URL");
  const options = readOptionFlags(flags.pairs.filter(([name]) => OPTION_FLAG_KEYS.includes(name)));
  if (!options.ok) return misuse(io, options.failure.message);
  const added = await addSource(dir, { ...options.value, site, url });
  if (!added.ok) return failed(io, added.failure);
  io.stdout(`added ${site}: ${url}\n`);
  return EXIT.ok;
};

const remove: Subcommand = async (flags, dir, io) => {
  const problem = unknownFlag(flags, ["dir"]);
  if (problem) return misuse(io, problem);
  if (flags.positionals.length !== 1) return misuse(io, "remove needs one URL or site name");
  const target = flags.positionals[0] as string;
  const removed = await removeSource(dir, target);
  if (!removed.ok) return failed(io, removed.failure);
  if (removed.value.removed === 0) {
    io.stderr(`newsmirror: no source has the url or site name ${JSON.stringify(target)}; \`newsmirror sources list\` shows them\n`);
    return EXIT.failed;
  }
  const count = removed.value.removed;
  io.stdout(`removed ${count} source${count === 1 ? "" : "s"}\n`);
  return EXIT.ok;
};

const importOpml: Subcommand = async (flags, dir, io) => {
  const problem = unknownFlag(flags, ["dir"]);
  if (problem) return misuse(io, problem);
  if (flags.positionals.length !== 1) return misuse(io, "import needs one OPML file");
  const file = resolve(io.cwd, flags.positionals[0] as string);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return failed(io, { code: "sources.unreadable", message: `cannot read ${file} (${code})`, file });
  }
  const feeds = parseOpml(text, file);
  if (!feeds.ok) return failed(io, feeds.failure);
  const imported = await importSources(dir, feeds.value);
  if (!imported.ok) return failed(io, imported.failure);
  const { added, skipped } = imported.value;
  io.stdout(`added ${added} source${added === 1 ? "" : "s"} from ${basename(file)}; skipped ${skipped} already known\n`);
  return EXIT.ok;
};

const exportOpml: Subcommand = async (flags, dir, io) => {
  const problem = unknownFlag(flags, ["dir", "title"]) ?? (flags.positionals.length > 0 ? `unexpected argument ${flags.positionals[0]}` : null);
  if (problem) return misuse(io, problem);
  const title = single(flags, "title");
  if (typeof title === "object") return misuse(io, title.error);
  const config = await loadMirrorConfig(dir);
  if (!config.ok) return failed(io, config.failure);
  io.stdout(formatOpml(config.value.sources, title ?? `newsmirror sources of ${basename(dir)}`));
  return EXIT.ok;
};

const SUBCOMMANDS: ReadonlyMap<string, Subcommand> = new Map([
  ["list", list],
  ["add", add],
  ["remove", remove],
  ["import", importOpml],
  ["export", exportOpml],
]);

const command: Command = {
  summary: "list, add, remove, import or export the mirror's feeds",
  usage,
  run: async (args, io) => {
    const flags = parseRepeatedArgs(args, SWITCHES);
    if ("error" in flags) return misuse(io, flags.error);
    const name = flags.positionals.shift();
    if (name === undefined) return misuse(io, "which one: list, add, remove, import or export?");
    const subcommand = SUBCOMMANDS.get(name);
    if (subcommand === undefined) return misuse(io, `unknown subcommand ${JSON.stringify(name)}`);
    const dirFlag = single(flags, "dir");
    if (typeof dirFlag === "object") return misuse(io, dirFlag.error);
    return subcommand(flags, resolve(io.cwd, dirFlag ?? "."), io);
  },
};

export default command;
