// The flag reader the commands share.
import { describe, expect, it } from "vitest";
import { parseArgs, parseKnownArgs, parseRepeatedArgs, usageError } from "../../src/cli/args.js";

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

describe("parseKnownArgs", () => {
  it.each([
    ["only known flags pass", ["--dir", "m", "--full", "x"], "option", { flags: [["dir", "m"], ["full", true]], positionals: ["x"] }],
    ["an unknown switch is named (init, run)", ["--dir", "m", "--force"], "option", { error: "unknown option --force" }],
    ["the archive commands say flag", ["--all"], "flag", { error: "unknown flag --all" }],
    ["a reading error comes before an unknown flag", ["--force", "--dir"], "option", { error: "--dir needs a value" }],
  ] as const)("%s", (_name, argv, noun, expected) => {
    const parsed = parseKnownArgs(argv, ["dir"], ["full"], noun);
    expect("error" in parsed ? parsed : { flags: [...parsed.flags], positionals: parsed.positionals }).toEqual(expected);
  });
});

describe("parseRepeatedArgs", () => {
  it.each([
    ["repeats kept in order", ["add", "--include", "a", "--include=b", "--json"], { pairs: [["include", "a"], ["include", "b"]], switches: ["json"], positionals: ["add"] }],
    ["every flag but the switches takes a value, an empty one too", ["--colour", "red", "--title="], { pairs: [["colour", "red"], ["title", ""]], switches: [], positionals: [] }],
    ["a value flag at the end", ["--site"], { error: "--site needs a value" }],
    ["a switch given a value", ["--json=yes"], { error: "--json takes no value" }],
  ])("%s", (_name, argv, expected) => {
    const parsed = parseRepeatedArgs(argv, ["json"]);
    expect("error" in parsed ? parsed : { ...parsed, switches: [...parsed.switches] }).toEqual(expected);
  });
});

describe("usageError", () => {
  it("prints the usage and one line naming the command and problem, and gives exit code 2", () => {
    let err = "";
    expect(usageError({ stderr: (text) => (err += text) }, "usage: newsmirror x", "x", "unexpected argument")).toBe(2);
    expect(err).toBe("usage: newsmirror x\nnewsmirror x: unexpected argument\n");
  });
});

