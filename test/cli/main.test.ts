// The executable's dispatch: usage, version, unknown commands.
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";

function capture(): { io: Io; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { io: { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false, env: {}, cwd: "/nonexistent" }, out: () => out, err: () => err };
}

describe("main", () => {
  it.each([
    ["no command is a usage mistake", [], 2, /usage: newsmirror <command>/],
    ["--help lists the commands", ["--help"], 0, /commands: init \| run \| fetch/],
    ["--version prints the version", ["--version"], 0, /^newsmirror \d+\.\d+\.\d+/],
    ["a command's --help prints its usage", ["fetch", "--help"], 0, /usage: newsmirror fetch/],
  ])("%s", async (_name, argv, code, pattern) => {
    const { io, out } = capture();
    expect(await main(argv, io)).toBe(code);
    expect(out()).toMatch(pattern);
  });

  it("names an unknown command and exits 2", async () => {
    const { io, err } = capture();
    expect(await main(["fetchh"], io)).toBe(2);
    expect(err()).toMatch(/unknown command "fetchh"/);
  });
});
