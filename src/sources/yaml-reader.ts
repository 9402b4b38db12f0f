// YAML text to a `ConfigNode` tree with lines, through the `yaml` package's Document API and LineCounter.
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from "yaml";
import type { ConfigEntry, ConfigNode } from "./config-node.js";

export interface YamlSyntaxError {
  line: number;
  message: string;
}

export type YamlReadResult = { ok: true; node: ConfigNode | null } | { ok: false; error: YamlSyntaxError };

const MAX_DEPTH = 200;

class YamlShapeProblem extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/**
 * Parses one YAML document. An empty document reads as null. Aliases (`*name`) and non-text
 * keys are refused with their line: they have no use in newsmirror.yml and an alias can build
 * exponentially large values ("billion laughs").
 */
export function readYamlWithLines(text: string): YamlReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    return { ok: false, error: { line, message: firstSentence(first.message) } };
  }
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined, fallback: number): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : fallback;
  try {
    return { ok: true, node: doc.contents ? convert(doc.contents as Node, lineOf, 1, 0) : null };
  } catch (error) {
    if (!(error instanceof YamlShapeProblem)) throw error;
    return { ok: false, error: { line: error.line, message: error.message } };
  }
}

type LineOf = (node: { range?: [number, number, number] | null } | null | undefined, fallback: number) => number;

function convert(node: Node, lineOf: LineOf, fallbackLine: number, depth: number): ConfigNode {
  const line = lineOf(node, fallbackLine);
  if (depth > MAX_DEPTH) throw new YamlShapeProblem(line, `nested deeper than ${MAX_DEPTH} levels`);
  if (isAlias(node)) throw new YamlShapeProblem(line, `aliases (*${node.source}) are not supported; write the value out`);
  if (isScalar(node)) return { kind: "scalar", line, value: scalarValue(node.value, line) };
  if (isSeq(node)) {
    const items = node.items.map((item) =>
      item === null || item === undefined ? nullAt(line) : convert(item as Node, lineOf, line, depth + 1),
    );
    return { kind: "list", line, items };
  }
  if (isMap(node)) {
    const entries: ConfigEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const keyLine = lineOf(keyNode, line);
      if (!isScalar(keyNode) || (typeof keyNode.value !== "string" && typeof keyNode.value !== "number")) {
        throw new YamlShapeProblem(keyLine, "a key must be plain text");
      }
      const value = pair.value === null || pair.value === undefined
        ? nullAt(keyLine)
        : convert(pair.value as Node, lineOf, keyLine, depth + 1);
      entries.push({ key: String(keyNode.value), line: keyLine, value });
    }
    return { kind: "map", line, entries };
  }
  throw new YamlShapeProblem(line, "unsupported YAML value");
}

function scalarValue(value: unknown, line: number): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  throw new YamlShapeProblem(line, "unsupported YAML value (use text, numbers, true/false or lists)");
}

function nullAt(line: number): ConfigNode {
  return { kind: "scalar", line, value: null };
}

function firstSentence(message: string): string {
  return message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? message;
}
