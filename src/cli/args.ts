// A small flag reader shared by the commands: `--name value`, `--name=value`, `--flag`, and positionals.

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

/** Reads argv; `valueFlags` names the flags that take a value. Unknown flags are returned for the caller to reject. */
export function parseArgs(args: readonly string[], valueFlags: readonly string[]): ParsedArgs | { error: string } {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!valueFlags.includes(name)) {
      if (eq !== -1) return { error: `--${name} takes no value` };
      flags.set(name, true);
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === "") return { error: `--${name} needs a value` };
    flags.set(name, value);
  }
  return { flags, positionals };
}
