// The `fetch:` map of newsmirror.yml: how many requests at once, per host, how long, how often, how big.
import type { ConfigNode, ConfigProblem } from "./config-node.js";
import { describeNode } from "./config-node.js";
import type { FetchSettings } from "./index.js";
import { unknownKeyMessage } from "./option-schema.js";

interface SettingRule {
  field: keyof FetchSettings;
  /** Smallest allowed value; every setting is a whole number except `timeout`. */
  min: number;
  integer: boolean;
  expects: string;
}

/** File key to rule, in the order the init template writes them. */
export const FETCH_SETTING_RULES: ReadonlyMap<string, SettingRule> = new Map<string, SettingRule>([
  ["concurrency", { field: "concurrency", min: 1, integer: true, expects: "a whole number of requests at once, 1 or more" }],
  ["per_host", { field: "perHost", min: 1, integer: true, expects: "a whole number of requests at once to one host, 1 or more" }],
  ["timeout", { field: "timeoutSeconds", min: 0.001, integer: false, expects: "a number of seconds above 0" }],
  ["retries", { field: "retries", min: 0, integer: true, expects: "a whole number of retries, 0 or more" }],
  ["max_bytes", { field: "maxBytes", min: 1, integer: true, expects: "a whole number of bytes, 1 or more" }],
]);

/** Reads the `fetch:` node; returns only the settings given. */
export function readFetchSettings(node: ConfigNode, file: string): { settings: Partial<FetchSettings>; problems: ConfigProblem[] } {
  const settings: Partial<FetchSettings> = {};
  const problems: ConfigProblem[] = [];
  if (node.kind === "scalar" && node.value === null) return { settings, problems };
  if (node.kind !== "map") {
    problems.push({ file, line: node.line, message: `\`fetch\` must be a map such as { concurrency: 8, timeout: 30 }; it is ${describeNode(node)}` });
    return { settings, problems };
  }
  for (const entry of node.entries) {
    const rule = FETCH_SETTING_RULES.get(entry.key);
    if (!rule) {
      problems.push({ file, line: entry.line, message: unknownKeyMessage(entry.key, "in `fetch`", [...FETCH_SETTING_RULES.keys()]) });
      continue;
    }
    const value = entry.value;
    const isNumber = value.kind === "scalar" && typeof value.value === "number" && Number.isFinite(value.value);
    if (!isNumber || (value.value as number) < rule.min || (rule.integer && !Number.isInteger(value.value))) {
      problems.push({ file, line: entry.line, message: `\`fetch.${entry.key}\` must be ${rule.expects}; it is ${describeNode(value)}` });
      continue;
    }
    settings[rule.field] = value.value as number;
  }
  return { settings, problems };
}
