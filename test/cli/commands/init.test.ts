// Tests of the `init` command: arguments, output and exit codes.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import command from "../../../src/cli/commands/init.js";
import { EXIT, type Io } from "../../../src/cli/io.js";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "newsmirror-cli-init-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function captureIo(cwd: string): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text), isTTY: false, env: {}, cwd };
}

describe("newsmirror init", () => {
  it.each([
    ["DIR as an argument", ["m"]],
    ["DIR as --dir", ["--dir", "m"]],
    ["DIR as --dir=", ["--dir=m"]],
  ])("creates the mirror with %s, relative to the current folder", async (_, args) => {
    const cwd = await tempDir();
    const io = captureIo(cwd);
    expect(await command.run(args, io)).toBe(EXIT.ok);
    expect(io.out.join("")).toContain(`created in ${join(cwd, "m")}: _posts/, subs.json, newsmirror.yml, _config.yml, allurls.dat`);
    expect(JSON.parse(await readFile(join(cwd, "m", "subs.json"), "utf8"))).toHaveLength(15);
  });

  it("uses the current folder by default and says when there is nothing to do", async () => {
    const cwd = await tempDir();
    expect(await command.run([], captureIo(cwd))).toBe(EXIT.ok);
    const io = captureIo(cwd);
    expect(await command.run([], io)).toBe(EXIT.ok);
    expect(io.out.join("")).toBe(`${cwd} is already a mirror; nothing to create\n`);
  });

  it.each([
    ["two folders", ["a", "b"], "one folder only"],
    ["DIR and --dir", ["a", "--dir", "b"], "not both"],
    ["an unknown option", ["--force"], "unknown option --force"],
    ["--dir without a value", ["--dir"], "--dir needs a value"],
  ])("prints the usage and one line for %s, exit 2", async (_, args, words) => {
    const io = captureIo(await tempDir());
    expect(await command.run(args, io)).toBe(EXIT.usage);
    const err = io.err.join("");
    expect(err.startsWith(command.usage)).toBe(true);
    expect(err.trimEnd().split("\n").at(-1)).toContain(words);
  });

  it("exits 1 with the reason when the folder cannot be made", async () => {
    const cwd = await tempDir();
    const io = captureIo(cwd);
    await command.run(["m"], io);
    const second = captureIo(cwd);
    expect(await command.run([join("m", "subs.json")], second)).toBe(EXIT.failed);
    expect(second.err.join("")).toContain("[sources.unwritable]");
  });
});
