import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { postFileName } from "../../src/archive/index.js";
import { isSafeFileName, withCollisionSuffix } from "../../src/archive/file-name.js";

const DAY = new Date("2023-12-07T02:13:00.000Z");

describe("postFileName", () => {
  it.each([
    ["golden name (golden/README.md)", "王毅會緬甸外長談電信詐騙 一同表態堅決打擊", "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md"],
    ["`/` becomes `--` as the original did", "a/b", "2023-12-07-a--b.md"],
    ["cut at 50 UTF-16 units as the original did", "x".repeat(80), `2023-12-07-${"x".repeat(50)}.md`],
    ["a cut never splits a surrogate pair", `${"x".repeat(49)}😀tail`, `2023-12-07-${"x".repeat(49)}.md`],
    ["the original's `\\\"` becomes one full-width quote", 'say "hi"', "2023-12-07-say ＂hi＂.md"],
    ["a cut between `\\` and `\"` leaves no half escape", `${"x".repeat(49)}"`, `2023-12-07-${"x".repeat(49)}.md`],
    ["Windows-reserved characters become full-width", 'a:b*c?d<e>f|g\\h', "2023-12-07-a：b＊c？d＜e＞f｜g＼h.md"],
    ["path traversal is impossible", "../../etc/passwd", "2023-12-07-..--..--etc--passwd.md"],
    ["control and bidi characters are dropped", "a\u0000b\u202ec\u0085d", "2023-12-07-abcd.md"],
    ["an empty title still gives a name", "", "2023-12-07-.md"],
  ])("%s", (_reason, title, expected) => {
    expect(postFileName(DAY, title)).toBe(expected);
  });

  it("is a safe name of at most 255 bytes for any title (fast-check)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.integer({ min: 1, max: 99999 }), (title, n) => {
        const name = withCollisionSuffix(postFileName(DAY, title), n);
        expect(isSafeFileName(name)).toBe(true);
        expect(Buffer.byteLength(name, "utf8")).toBeLessThanOrEqual(255);
        expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        expect(name).not.toMatch(/[\\:*?"<>|\u0000-\u001f]/);
        expect(name.startsWith("2023-12-07-")).toBe(true);
        expect(name.endsWith(".md")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("uses 1970-01-01 for an invalid date instead of throwing", () => {
    expect(postFileName(new Date(NaN), "t")).toBe("1970-01-01-t.md");
  });
});

describe("withCollisionSuffix", () => {
  it.each([
    ["the first keeps its name", 1, "2023-12-07-t.md"],
    ["the second gets (2) before .md", 2, "2023-12-07-t (2).md"],
    ["the tenth gets (10)", 10, "2023-12-07-t (10).md"],
  ])("%s", (_reason, n, expected) => {
    expect(withCollisionSuffix("2023-12-07-t.md", n)).toBe(expected);
  });
});

describe("isSafeFileName", () => {
  it.each([
    ["a slash is a path", "a/b.md", false],
    ["`..` is the parent folder", "..", false],
    ["a newline is a control character", "a\nb.md", false],
    ["256 bytes is too long", `${"x".repeat(253)}.md`, false],
    ["an ordinary name", "2023-12-07-t.md", true],
  ])("%s", (_reason, name, expected) => {
    expect(isSafeFileName(name)).toBe(expected);
  });
});
