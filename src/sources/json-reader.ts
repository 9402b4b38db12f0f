// JSON text (RFC 8259) to a `ConfigNode` tree that remembers the line of every value and key.
// JSON.parse gives no positions, and STYLE rule 9 wants "subs.json line 14: ..." for every problem.
import type { ConfigEntry, ConfigNode } from "./config-node.js";

/** Where the JSON text stops being JSON. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

export type JsonReadResult = { ok: true; node: ConfigNode } | { ok: false; error: JsonSyntaxError };

/** Nesting deeper than this is refused instead of exhausting the stack on hostile input. */
const MAX_DEPTH = 200;

/** RFC 8259 section 7: the two-character escapes. */
const SIMPLE_ESCAPES = new Map<string, string>([
  ['"', '"'], ["\\", "\\"], ["/", "/"], ["b", "\b"], ["f", "\f"], ["n", "\n"], ["r", "\r"], ["t", "\t"],
]);

/** RFC 8259 section 6, as one sticky pattern. */
const NUMBER_PATTERN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class JsonSyntaxProblem extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** Parses JSON text; a leading UTF-8 byte order mark is ignored. Never throws. */
export function readJsonWithLines(text: string): JsonReadResult {
  const reader = new JsonReader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  try {
    const node = reader.readDocument();
    return { ok: true, node };
  } catch (error) {
    if (!(error instanceof JsonSyntaxProblem)) throw error;
    const { line, column } = reader.position(error.offset);
    return { ok: false, error: { line, column, message: error.message } };
  }
}

class JsonReader {
  private at = 0;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }

  readDocument(): ConfigNode {
    this.skipSpace();
    if (this.at >= this.text.length) throw new JsonSyntaxProblem(this.at, "the file is empty; expected a JSON value");
    const node = this.readValue(0);
    this.skipSpace();
    if (this.at < this.text.length) {
      throw new JsonSyntaxProblem(this.at, `unexpected ${this.describeHere()} after the end of the JSON value`);
    }
    return node;
  }

  private line(): number {
    return this.position(this.at).line;
  }

  private readValue(depth: number): ConfigNode {
    if (depth > MAX_DEPTH) throw new JsonSyntaxProblem(this.at, `nested deeper than ${MAX_DEPTH} levels`);
    const c = this.text[this.at];
    const line = this.line();
    if (c === "{") return this.readObject(depth, line);
    if (c === "[") return this.readArray(depth, line);
    if (c === '"') return { kind: "scalar", line, value: this.readString() };
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return { kind: "scalar", line, value: this.readNumber() };
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return { kind: "scalar", line, value };
      }
    }
    throw new JsonSyntaxProblem(this.at, `unexpected ${this.describeHere()}; expected a value`);
  }

  private readObject(depth: number, line: number): ConfigNode {
    const entries: ConfigEntry[] = [];
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === "}") {
      this.at++;
      return { kind: "map", line, entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] !== '"') {
        throw new JsonSyntaxProblem(this.at, `unexpected ${this.describeHere()}; expected a "quoted" key`);
      }
      const keyLine = this.line();
      const key = this.readString();
      this.skipSpace();
      this.expect(":", "after a key");
      this.skipSpace();
      entries.push({ key, line: keyLine, value: this.readValue(depth + 1) });
      this.skipSpace();
      if (this.text[this.at] === ",") {
        this.at++;
        this.refuseTrailingComma("}");
        continue;
      }
      this.expect("}", "or a comma between entries");
      return { kind: "map", line, entries };
    }
  }

  private readArray(depth: number, line: number): ConfigNode {
    const items: ConfigNode[] = [];
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === "]") {
      this.at++;
      return { kind: "list", line, items };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.readValue(depth + 1));
      this.skipSpace();
      if (this.text[this.at] === ",") {
        this.at++;
        this.refuseTrailingComma("]");
        continue;
      }
      this.expect("]", "or a comma between items");
      return { kind: "list", line, items };
    }
  }

  private readString(): string {
    const start = this.at;
    this.at++;
    let out = "";
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined) throw new JsonSyntaxProblem(start, "this text has no closing quote");
      if (c === '"') {
        this.at++;
        return out;
      }
      if (c === "\\") {
        out += this.readEscape();
        continue;
      }
      if (c.charCodeAt(0) < 0x20) {
        throw new JsonSyntaxProblem(this.at, "a line break or control character inside quotes must be escaped");
      }
      out += c;
      this.at++;
    }
  }

  private readEscape(): string {
    const letter = this.text[this.at + 1] ?? "";
    const simple = SIMPLE_ESCAPES.get(letter);
    if (simple !== undefined) {
      this.at += 2;
      return simple;
    }
    const hex = this.text.slice(this.at + 2, this.at + 6);
    if (letter === "u" && /^[0-9a-fA-F]{4}$/.test(hex)) {
      this.at += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    throw new JsonSyntaxProblem(this.at, `invalid escape \\${letter} inside quotes`);
  }

  private readNumber(): number {
    NUMBER_PATTERN.lastIndex = this.at;
    const match = NUMBER_PATTERN.exec(this.text);
    if (!match) throw new JsonSyntaxProblem(this.at, `unexpected ${this.describeHere()}; expected a number`);
    this.at += match[0].length;
    return Number(match[0]);
  }

  /** A comma before the closing bracket is the most common hand-editing mistake; say so plainly. */
  private refuseTrailingComma(closing: string): void {
    const comma = this.at - 1;
    this.skipSpace();
    if (this.text[this.at] === closing) {
      throw new JsonSyntaxProblem(comma, `a comma before "${closing}" is not allowed in JSON; delete it`);
    }
  }

  private expect(char: string, context: string): void {
    if (this.text[this.at] !== char) {
      throw new JsonSyntaxProblem(this.at, `unexpected ${this.describeHere()}; expected "${char}" ${context}`);
    }
    this.at++;
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.text[this.at];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.at++;
      else return;
    }
  }

  private describeHere(): string {
    if (this.at >= this.text.length) return "end of file";
    const c = this.text.codePointAt(this.at) ?? 0;
    return `character ${JSON.stringify(String.fromCodePoint(c))}`;
  }
}
