// `newsmirror fetch`: fetch every source and write the new posts, without building the site.
import type { Command } from "../io.js";
import { INGEST_OPTIONS, runIngestCommand } from "../ingest-command.js";

const usage = `usage: newsmirror fetch [--dir DIR] [--only NAME] [--force] [--strict]
Fetches every enabled source and writes each new item as a post in _posts/.
${INGEST_OPTIONS}`;

const command: Command = {
  summary: "fetch the sources and write new posts",
  usage,
  run: async (args, io) => (await runIngestCommand(args, io, usage)).code,
};

export default command;
