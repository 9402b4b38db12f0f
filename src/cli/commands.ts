// The command table: each command is its own module, loaded only when called (STYLE rule 12).
import type { Command } from "./io.js";

export const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  init: () => import("./commands/init.js"),
  run: () => import("./commands/run.js"),
  fetch: () => import("./commands/fetch.js"),
  status: () => import("./commands/status.js"),
  sources: () => import("./commands/sources.js"),
  import: () => import("./commands/import.js"),
  reindex: () => import("./commands/reindex.js"),
  build: () => import("./commands/build.js"),
  serve: () => import("./commands/serve.js"),
};
