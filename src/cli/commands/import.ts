// `newsmirror import OLD_DIR`: wires archive.importMirror; a mirror made by the original script continues here.
import { resolve } from "node:path";
import { importMirror } from "../../archive/index.js";
import { parseKnownArgs, usageError } from "../args.js";
import { EXIT, type Command } from "../io.js";
import { describeFailure } from "../messages.js";

const usage = `usage: newsmirror import OLD_DIR [--dir DIR]
Copies the posts of a mirror made by the original script (OLD_DIR/_posts) into this mirror
(DIR, default the current folder) and adds the links of OLD_DIR/allurls.dat to its ledger,
so nothing already archived is fetched again. Running it twice changes nothing.`;

const command: Command = {
  summary: "take over a mirror made by the original script",
  usage,
  run: async (args, io) => {
    const parsed = parseKnownArgs(args, ["dir"], [], "flag");
    if ("error" in parsed) return usageError(io, usage, "import", parsed.error);
    if (parsed.positionals.length !== 1) return usageError(io, usage, "import", parsed.positionals.length === 0 ? "OLD_DIR is missing" : "give one OLD_DIR");
    const dir = resolve(io.cwd, String(parsed.flags.get("dir") ?? "."));
    const fromDir = resolve(io.cwd, parsed.positionals[0] as string);
    const result = await importMirror(fromDir, dir);
    if (!result.ok) {
      io.stderr(`newsmirror: ${describeFailure(result.failure)}\n`);
      return result.failure.code === "archive.locked" ? EXIT.locked : EXIT.failed;
    }
    const { posts, urls, skipped } = result.value;
    io.stdout(`imported ${posts} posts and ${urls} new links from ${fromDir} into ${dir}; ${skipped} posts were already there\n`);
    return EXIT.ok;
  },
};

export default command;
