// `newsmirror run`: the main job: fetch every source, write new posts, then build the site.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beginBuildAfterFetch, buildSite, type BuildAfterFetch } from "../../site/index.js";
import { EXIT, type Command } from "../io.js";
import { INGEST_OPTIONS, mirrorDirOf, runIngestCommand } from "../ingest-command.js";
import { describeFailure } from "../messages.js";
import { scopeNote } from "./build.js";
import { initMirror } from "../../sources/index.js";

const usage = `usage: newsmirror run [--dir DIR] [--only NAME] [--force] [--strict] [--no-build]
The main job: creates the mirror with the default sources when DIR has none, fetches every enabled
source, writes the new posts, then builds the site into DIR/_site.
${INGEST_OPTIONS}
  --no-build    skip the site build`;

const command: Command = {
  summary: "fetch, write new posts and build the site (the main job)",
  usage,
  run: async (args, io) => {
    const noBuild = args.includes("--no-build");
    const rest = args.filter((a) => a !== "--no-build");
    const dir = mirrorDirOf(rest, io);
    if (!existsSync(join(dir, "subs.json")) && !existsSync(join(dir, "newsmirror.yml"))) {
      const created = await initMirror(dir);
      if (!created.ok) {
        io.stderr(`newsmirror: ${describeFailure(created.failure)}\n`);
        return EXIT.failed;
      }
      io.stdout(`created a mirror with the default sources in ${dir}\n`);
    }
    // The build begins once the mirror is open, while the sources are fetched (build-after-fetch.ts): at 100,000
    // posts it then takes about half the time, by its own clock, that a build run on its own does.
    let after: BuildAfterFetch | undefined;
    try {
      const hooks = { onArchiveOpen: () => void (after = beginBuildAfterFetch(dir)), onPostFile: (fileName: string) => after?.onPostFile(fileName) };
      const ingest = await runIngestCommand(rest, io, usage, noBuild ? {} : hooks);
      if (ingest.report === null || noBuild) return ingest.code;
      const built = after ? await after.build(ingest.report.postFiles) : await buildSite({ dir: ingest.dir });
      if (!built.ok) {
        io.stderr(`newsmirror: site not built: ${describeFailure(built.failure)}\n`);
        return EXIT.failed;
      }
      io.stdout(`site: ${built.value.pages} pages, ${built.value.written} written, ${built.value.removed} removed in ${(built.value.ms / 1000).toFixed(1)} s${scopeNote(built.value)} -> ${join(ingest.dir, "_site")}\n`);
      return ingest.code;
    } finally {
      // Closed by the build too; not left running when the fetch failed or threw.
      after?.close();
    }
  },
};

export default command;
