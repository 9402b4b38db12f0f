// Replacing the one-line body of a post this project wrote.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replacePostBody } from "../../src/archive/post-body.js";
import { sharedPath } from "../support/paths.js";

const GOLDEN = readFileSync(sharedPath("golden/cna-2023-12-07.expected.md"), "utf8");

describe("replacePostBody", () => {
  it("changes the body and nothing else", () => {
    const replaced = replacePostBody(GOLDEN, (html) => html.replace("https://imgcdn.cna.com.tw/www/website/img/error.svg", "/assets/img/abc.svg"));
    expect(replaced).not.toBeNull();
    const before = GOLDEN.split("\n");
    const after = (replaced as string).split("\n");
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i]).length).toBe(1);
    expect(replaced).toContain('data-src="/assets/img/abc.svg"');
  });

  it("keeps the body one line without control characters", () => {
    expect(replacePostBody(GOLDEN, () => "  <p>a</p>\n<p>b</p>\t ")?.endsWith("<div>\n<p>a</p><p>b</p>\n</div>\n")).toBe(true);
  });

  it.each([
    ["no body marker", "---\ntitle: x\n---\nhello\n"],
    ["not ending with </div>", GOLDEN.replace(/<\/div>\n$/, "</div>\nextra\n")],
  ])("refuses a post in another layout: %s", (_name, text) => {
    expect(replacePostBody(text, (h) => h)).toBeNull();
  });
});
