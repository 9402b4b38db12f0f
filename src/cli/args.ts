// Reading a command's argv (`--name value`, `--name=value`, `--flag`, positionals) and reporting a misuse of it.
import { EXIT, type Io } from "./io.js";

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

/** Flags in argv order with repeats kept, for commands that take a flag several times (`--include A --include B`). */
export interface RepeatedArgs {
  /** Flags given a value, in order. */
  pairs: Array<[string, string]>;
  /** Flags without a value. */
  switches: Set<string>;
  positionals: string[];
}

interface Argv {
  /** Every flag in order; a flag that takes no value has `true`. */
  flags: Array<[string, string | true]>;
  positionals: string[];
}

/** The one reading loop: `takesValue` says which flags read a value; `refuseEmpty` turns `--name=` into a misuse. */
function readArgv(args: readonly string[], takesValue: (name: string) => boolean, refuseEmpty: boolean): Argv | { error: string } {
  const flags: Argv["flags"] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!takesValue(name)) {
      if (eq !== -1) return { error: `--${name} takes no value` };
      flags.push([name, true]);
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || (refuseEmpty && value === "")) return { error: `--${name} needs a value` };
    flags.push([name, value]);
  }
  return { flags, positionals };
}

/** Reads argv; `valueFlags` names the flags that take a value. Unknown flags are returned for the caller to reject. */
export function parseArgs(args: readonly string[], valueFlags: readonly string[]): ParsedArgs | { error: string } {
  const read = readArgv(args, (name) => valueFlags.includes(name), true);
  // A flag given twice keeps its last value (Map keeps the first position of a key).
  return "error" in read ? read : { flags: new Map(read.flags), positionals: read.positionals };
}

/**
 * parseArgs that also refuses every flag other than `valueFlags` and `switches`, naming the first one:
 * "unknown option --name" (or "unknown flag --name", the wording of the archive commands).
 */
export function parseKnownArgs(
  args: readonly string[],
  valueFlags: readonly string[],
  switches: readonly string[] = [],
  noun: "option" | "flag" = "option",
): ParsedArgs | { error: string } {
  const parsed = parseArgs(args, valueFlags);
  if ("error" in parsed) return parsed;
  const unknown = [...parsed.flags.keys()].find((flag) => !valueFlags.includes(flag) && !switches.includes(flag));
  return unknown === undefined ? parsed : { error: `unknown ${noun} --${unknown}` };
}

/** Reads argv where every flag but `switches` takes a value, keeping repeats in order; an empty value is kept. */
export function parseRepeatedArgs(args: readonly string[], switches: readonly string[]): RepeatedArgs | { error: string } {
  const read = readArgv(args, (name) => !switches.includes(name), false);
  if ("error" in read) return read;
  const pairs: Array<[string, string]> = [];
  const given = new Set<string>();
  for (const [name, value] of read.flags) {
    if (value === true) given.add(name);
    else pairs.push([name, value]);
  }
  return { pairs, switches: given, positionals: read.positionals };
}

/** A misuse (STYLE rule 12): the command's usage, then one line naming the problem; returns the usage exit code. */
export function usageError(io: Pick<Io, "stderr">, usage: string, command: string, problem: string): number {
  io.stderr(`${usage}\nnewsmirror ${command}: ${problem}\n`);
  return EXIT.usage;
}
