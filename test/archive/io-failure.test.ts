import { describe, expect, it } from "vitest";
import { ioFailure } from "../../src/archive/io-failure.js";

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something`), { code });
}

describe("ioFailure", () => {
  it.each([
    ["ENOSPC is disk-full and says what to do", "ENOSPC", "archive.disk-full", "free some space"],
    ["EDQUOT (quota) is disk-full too", "EDQUOT", "archive.disk-full", "free some space"],
    ["EACCES is archive.io with the path", "EACCES", "archive.io", "/m/_posts/x.md"],
  ])("%s", (_reason, code, expected, text) => {
    const failure = ioFailure(errno(code), "write", "/m/_posts/x.md");
    expect(failure.code).toBe(expected);
    expect(failure.message).toContain(text);
    expect(failure.file).toBe("/m/_posts/x.md");
  });
});
