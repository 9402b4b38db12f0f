#!/usr/bin/env node
// The executable: the only file that touches `process` (entry-point.ts only reads its argv); everything else takes an `Io`.
import { COMMANDS } from "./commands.js";
import { isEntryPoint } from "./entry-point.js";
import { EXIT, type Io } from "./io.js";

const VERSION = "0.1.0";

function globalUsage(): string {
  const names = Object.keys(COMMANDS).join(" | ");
  return [
    "usage: newsmirror <command> [options]",
    `commands: ${names}`,
    "every command takes --dir DIR (default: the current folder); `newsmirror <command> --help` for its usage",
  ].join("\n");
}

/** Runs one command line and returns its exit code; never throws for expected failures. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(globalUsage() + "\n");
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`newsmirror ${VERSION}\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    io.stderr(`newsmirror: unknown command "${name}"\n${globalUsage()}\n`);
    return EXIT.usage;
  }
  const command = (await load()).default;
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  return command.run(args, io);
}

if (isEntryPoint(import.meta.url)) {
  const controller = new AbortController();
  let interrupts = 0;
  const stop = (): void => {
    interrupts += 1;
    // A second Ctrl-C means "now": posts already written are whole (atomic renames), so nothing is lost.
    if (interrupts > 1) process.exit(130);
    controller.abort();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const io: Io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY) && !process.env["CI"],
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A throw is a bug (STYLE rule 7): show the stack so it can be reported.
      process.stderr.write(`newsmirror: internal error (a bug, please report it)\n${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = EXIT.bug;
    },
  );
}
