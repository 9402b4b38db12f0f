// `newsmirror reindex`: wires archive.reindex, which rebuilds the derived state from `_posts/`.
import { resolve } from "node:path";
import { reindex } from "../../archive/index.js";
import { parseKnownArgs, usageError } from "../args.js";
import { EXIT, type Command } from "../io.js";
import { describeFailure } from "../messages.js";

const usage = `usage: newsmirror reindex [--dir DIR]
Rebuilds the mirror's index and adds every post's link missing from allurls.dat, reading
_posts/ (the posts are the truth). Posts it cannot read are listed; exit 1 when there are any.`;

/** Unreadable posts listed one a line before the rest are only counted. */
const LIST_AT_MOST = 20;

const command: Command = {
  summary: "rebuild the derived state from _posts/",
  usage,
  run: async (args, io) => {
    const parsed = parseKnownArgs(args, ["dir"], [], "flag");
    if ("error" in parsed) return usageError(io, usage, "reindex", parsed.error);
    if (parsed.positionals.length > 0) return usageError(io, usage, "reindex", "unexpected argument");
    const dir = resolve(io.cwd, String(parsed.flags.get("dir") ?? "."));
    const result = await reindex(dir);
    if (!result.ok) {
      io.stderr(`newsmirror: ${describeFailure(result.failure)}\n`);
      return result.failure.code === "archive.locked" ? EXIT.locked : EXIT.failed;
    }
    const { posts, unreadable } = result.value;
    io.stdout(`reindexed ${posts} posts in ${dir}\n`);
    for (const item of unreadable.slice(0, LIST_AT_MOST)) io.stderr(`cannot read ${item.message}\n`);
    if (unreadable.length > LIST_AT_MOST) io.stderr(`... and ${unreadable.length - LIST_AT_MOST} more unreadable posts\n`);
    return unreadable.length === 0 ? EXIT.ok : EXIT.failed;
  },
};

export default command;
