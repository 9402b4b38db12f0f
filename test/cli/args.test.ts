// The flag reader the commands share.
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";

describe("parseArgs", () => {
  it.each([
    ["a value flag with a space", ["--dir", "m"], { flags: [["dir", "m"]], positionals: [] }],
    ["a value flag with =", ["--dir=m"], { flags: [["dir", "m"]], positionals: [] }],
    ["a boolean flag and a positional", ["--json", "x"], { flags: [["json", true]], positionals: ["x"] }],
  ])("%s", (_name, argv, expected) => {
    const parsed = parseArgs(argv, ["dir"]);
    expect("error" in parsed ? parsed : { flags: [...parsed.flags], positionals: parsed.positionals }).toEqual(expected);
  });

  it.each([
    ["a value flag without its value", ["--dir"], "--dir needs a value"],
    ["a boolean flag given a value", ["--json=1"], "--json takes no value"],
  ])("%s is an error", (_name, argv, error) => {
    expect(parseArgs(argv, ["dir"])).toEqual({ error });
  });
});
