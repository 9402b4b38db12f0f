// `newsmirror build`: wires site.buildSite: the posts folder to the static site.
import { resolve } from "node:path";
import type { BuildReport } from "../../site/index.js";
import { beginListing } from "../../site/post-listing.js";
import { parseArgs } from "../args.js";
import { EXIT, type Command, type Io } from "../io.js";
import { describeFailure } from "../messages.js";

const usage = `usage: newsmirror build [--dir DIR] [--out DIR] [--base-url PATH] [--full]
Builds the site from DIR/_posts into DIR/_site (or --out), writing only the pages that changed.
  --dir DIR         the mirror folder (default: the current folder)
  --out DIR         the output folder, relative to DIR (default: _site)
  --base-url PATH   the path the site is served under, e.g. /news (overrides baseurl in _config.yml)
  --full            render every page again, ignoring what the last build wrote
Posts that cannot be read are listed and left out; the build goes on.`;

const VALUE_FLAGS = ["dir", "out", "base-url"];
/** Unreadable posts listed one a line before the rest are only counted. */
const LIST_AT_MOST = 20;

/** How the build found its work, when it did not plan the whole site: " (new posts only)", " (nothing new)". */
export function scopeNote(report: BuildReport): string {
  return report.scope === "recent" ? " (new posts only)" : report.scope === "unchanged" ? " (nothing new)" : "";
}

/** Prints the build's outcome; shared with `serve`, which rebuilds on every change. */
export function reportBuild(io: Io, report: BuildReport, out: string): void {
  io.stdout(`site: ${report.posts} posts, ${report.pages} pages, ${report.written} written, ${report.removed} removed in ${(report.ms / 1000).toFixed(1)} s${scopeNote(report)} -> ${out}\n`);
  if (report.stories.linked > 0) io.stdout(`stories: ${report.stories.linked} posts link other reports of the same story\n`);
  for (const item of report.unreadable.slice(0, LIST_AT_MOST)) io.stderr(`cannot read post ${item.fileName}: ${item.message}\n`);
  if (report.unreadable.length > LIST_AT_MOST) io.stderr(`... and ${report.unreadable.length - LIST_AT_MOST} more unreadable posts\n`);
  if (report.search.ran && "failure" in report.search) io.stderr(`search index not updated: ${report.search.failure}\n`);
}

/** The build options named by the flags, or a usage error. */
export function buildFlags(args: string[], io: Io, allowed: readonly string[]): { dir: string; out?: string; baseUrl?: string; full: boolean; rest: Map<string, string | true> } | { error: string } {
  const parsed = parseArgs(args, [...VALUE_FLAGS, ...allowed]);
  if ("error" in parsed) return parsed;
  const unknown = [...parsed.flags.keys()].find((flag) => !VALUE_FLAGS.includes(flag) && flag !== "full" && !allowed.includes(flag));
  if (unknown !== undefined) return { error: `unknown flag --${unknown}` };
  if (parsed.positionals.length > 0) return { error: `unexpected argument "${parsed.positionals[0]}"` };
  const text = (name: string): string | undefined => {
    const value = parsed.flags.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return { dir: resolve(io.cwd, text("dir") ?? "."), out: text("out"), baseUrl: text("base-url"), full: parsed.flags.has("full"), rest: parsed.flags };
}

const command: Command = {
  summary: "build the site from _posts/ into _site/",
  usage,
  run: async (args, io) => {
    const flags = buildFlags(args, io, []);
    if ("error" in flags) {
      io.stderr(`${usage}\nnewsmirror build: ${flags.error}\n`);
      return EXIT.usage;
    }
    // The listing of _posts/ begins before the build's modules load (0.3 s), so the two overlap.
    const listing = flags.full ? undefined : beginListing(flags.dir);
    let built;
    try {
      const { buildSite } = await import("../../site/index.js");
      built = await buildSite({ dir: flags.dir, out: flags.out, baseUrl: flags.baseUrl, full: flags.full, listing });
    } finally {
      // The build closes it; this is for a build that never began (its modules failed to load).
      listing?.close();
    }
    if (!built.ok) {
      io.stderr(`newsmirror: ${describeFailure(built.failure)}\n`);
      return EXIT.failed;
    }
    reportBuild(io, built.value, resolve(flags.dir, flags.out ?? "_site"));
    return EXIT.ok;
  },
};

export default command;
