// newsmirror.yml: global defaults, fetch settings and sources with options, read with lines.
//
// Shape (every key optional; keys are snake_case; an unknown key is an error):
//
//   defaults:            # any per-source option; applies to every source
//     clean: true        # false keeps the feed's HTML exactly as the original system did
//     full_text: auto    # always | auto | never
//     images: mirror     # mirror | hotlink
//   fetch:
//     concurrency: 8     # requests at once
//     per_host: 2        # requests at once to one host
//     timeout: 30        # seconds
//     retries: 3
//     max_bytes: 8388608 # largest feed or page accepted
//   sources:
//     - { site: "(臺)中央社CNA", url: "https://...", clean: false, remove: ["div.SubscriptionInner"] }
//     - url: https://...  # no `site`: options for a source declared in subs.json
//       proxy: socks5://127.0.0.1:9050
//
// Per-source options: enabled, clean, full_text, images, remove, include, exclude, author, proxy,
// user_agent, timezone (see option-schema.ts). How this merges with subs.json: load-config.ts.
import type { ConfigNode, ConfigProblem } from "./config-node.js";
import { describeNode } from "./config-node.js";
import { readFetchSettings } from "./fetch-settings.js";
import type { FetchSettings, SourceOptions } from "./index.js";
import { readSourceOptions, unknownKeyMessage } from "./option-schema.js";
import { readSourceEntry, type DeclaredSource } from "./source-entry.js";
import { readYamlWithLines } from "./yaml-reader.js";

export const MIRROR_YML = "newsmirror.yml";

const TOP_LEVEL_KEYS = ["defaults", "fetch", "sources"];

export interface MirrorYmlReading {
  defaults: Partial<SourceOptions>;
  fetch: Partial<FetchSettings>;
  sources: DeclaredSource[];
  problems: ConfigProblem[];
}

/** Reads newsmirror.yml text; `file` is the path named in problems. An empty file is valid. */
export function readMirrorYml(text: string, file: string): MirrorYmlReading {
  const reading: MirrorYmlReading = { defaults: {}, fetch: {}, sources: [], problems: [] };
  const parsed = readYamlWithLines(text);
  if (!parsed.ok) {
    reading.problems.push({ file, line: parsed.error.line, message: `not valid YAML: ${parsed.error.message}` });
    return reading;
  }
  const root = parsed.node;
  if (root === null || (root.kind === "scalar" && root.value === null)) return reading;
  if (root.kind !== "map") {
    reading.problems.push({ file, line: root.line, message: `must be a map with \`defaults\`, \`fetch\` and \`sources\`; it is ${describeNode(root)}` });
    return reading;
  }
  for (const entry of root.entries) {
    if (entry.key === "defaults") readDefaults(entry.value, file, reading);
    else if (entry.key === "fetch") {
      const fetch = readFetchSettings(entry.value, file);
      reading.fetch = fetch.settings;
      reading.problems.push(...fetch.problems);
    } else if (entry.key === "sources") readSources(entry.value, file, reading);
    else reading.problems.push({ file, line: entry.line, message: unknownKeyMessage(entry.key, "at the top level", TOP_LEVEL_KEYS) });
  }
  return reading;
}

function readDefaults(node: ConfigNode, file: string, reading: MirrorYmlReading): void {
  if (node.kind === "scalar" && node.value === null) return;
  if (node.kind !== "map") {
    reading.problems.push({ file, line: node.line, message: `\`defaults\` must be a map of source options such as { clean: true }; it is ${describeNode(node)}` });
    return;
  }
  const options = readSourceOptions(node.entries, file, "in `defaults`", []);
  reading.defaults = options.options;
  reading.problems.push(...options.problems);
}

function readSources(node: ConfigNode, file: string, reading: MirrorYmlReading): void {
  if (node.kind === "scalar" && node.value === null) return;
  if (node.kind !== "list") {
    reading.problems.push({ file, line: node.line, message: `\`sources\` must be a list of entries such as - { site: BBC, url: "https://..." }; it is ${describeNode(node)}` });
    return;
  }
  node.items.forEach((item, index) => {
    const entry = readSourceEntry(item, file, index, false);
    reading.problems.push(...entry.problems);
    if (entry.source) reading.sources.push(entry.source);
  });
}
