// Per-source options given as command-line flags (`--full-text never --remove .ad --remove .promo`).
import { fail, ok, type Result } from "../result.js";
import type { ConfigEntry } from "./config-node.js";
import type { SourceOptions } from "./index.js";
import { readSourceOptions, SOURCE_OPTION_RULES } from "./option-schema.js";

/** Options that read "true" / "false". */
const BOOLEAN_OPTIONS = new Set(["enabled", "clean"]);
/** Options that may be repeated, each flag adding one item. */
const LIST_OPTIONS = new Set(["include", "exclude", "remove"]);

/** The flag spelling of every option: "full-text", "user-agent", ... */
export const OPTION_FLAG_KEYS: readonly string[] = [...SOURCE_OPTION_RULES.keys()].map((key) => key.replaceAll("_", "-"));

/**
 * Reads `[flag name without "--", text]` pairs with the same checks as the config files.
 * @example readOptionFlags([["clean", "false"], ["remove", "div.ad"]]) // ok({ clean: false, remove: ["div.ad"] })
 */
export function readOptionFlags(flags: ReadonlyArray<readonly [string, string]>): Result<Partial<SourceOptions>> {
  const entries: ConfigEntry[] = [];
  const lists = new Map<string, ConfigEntry>();
  for (const [flag, text] of flags) {
    const key = flag.replaceAll("-", "_");
    const list = lists.get(key);
    if (list && list.value.kind === "list") {
      list.value.items.push({ kind: "scalar", line: 1, value: text });
      continue;
    }
    const value = BOOLEAN_OPTIONS.has(key) && (text === "true" || text === "false") ? text === "true" : text;
    const entry: ConfigEntry = LIST_OPTIONS.has(key)
      ? { key, line: 1, value: { kind: "list", line: 1, items: [{ kind: "scalar", line: 1, value }] } }
      : { key, line: 1, value: { kind: "scalar", line: 1, value } };
    if (LIST_OPTIONS.has(key)) lists.set(key, entry);
    entries.push(entry);
  }
  const reading = readSourceOptions(entries, "(command line)", "on the command line", []);
  if (reading.problems.length > 0) {
    const message = reading.problems
      .map((problem) => problem.message.replace(/`([a-z_]+)`/g, (_, key: string) => `--${key.replaceAll("_", "-")}`))
      .join("\n");
    return fail({ code: "sources.invalid", message });
  }
  return ok(reading.options);
}
