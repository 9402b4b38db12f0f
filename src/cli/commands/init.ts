// `newsmirror init [DIR]`: creates a mirror folder with the default sources, never overwriting a file.
import { resolve } from "node:path";
import { initMirror } from "../../sources/index.js";
import { parseKnownArgs, usageError } from "../args.js";
import { EXIT, type Command } from "../io.js";
import { describeFailure } from "../messages.js";

const usage = `usage: newsmirror init [DIR] [--dir DIR]
Creates a mirror in DIR (default: the current folder): _posts/, subs.json with the default
sources, newsmirror.yml with every setting at its default, _config.yml and allurls.dat.
Files that already exist are left as they are.`;

const command: Command = {
  summary: "create a mirror folder with the default sources",
  usage,
  run: async (args, io) => {
    const parsed = parseKnownArgs(args, ["dir"]);
    if ("error" in parsed) return usageError(io, usage, "init", parsed.error);
    const flagDir = parsed.flags.get("dir");
    if (parsed.positionals.length > 1) return usageError(io, usage, "init", `one folder only, got ${parsed.positionals.length}`);
    if (parsed.positionals.length === 1 && typeof flagDir === "string") return usageError(io, usage, "init", "give the folder as DIR or as --dir, not both");
    const dir = resolve(io.cwd, parsed.positionals[0] ?? (typeof flagDir === "string" ? flagDir : "."));
    const result = await initMirror(dir);
    if (!result.ok) {
      io.stderr(`newsmirror: ${describeFailure(result.failure)}\n`);
      return EXIT.failed;
    }
    const { created } = result.value;
    if (created.length === 0) io.stdout(`${dir} is already a mirror; nothing to create\n`);
    else io.stdout(`created in ${dir}: ${created.join(", ")}\nnext: newsmirror run --dir ${dir}\n`);
    return EXIT.ok;
  },
};

export default command;
