// Tests of init-template.ts: the newsmirror.yml example loads to the defaults and survives editing.
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { formatJekyllConfig, MIRROR_YML_TEMPLATE } from "../../src/sources/init-template.js";
import { readMirrorYml } from "../../src/sources/mirror-yml.js";
import { DEFAULT_FETCH_SETTINGS, DEFAULT_SOURCE_OPTIONS } from "../../src/sources/index.js";
import { SOURCE_OPTION_RULES } from "../../src/sources/option-schema.js";

describe("MIRROR_YML_TEMPLATE", () => {
  it("loads to exactly the built-in defaults, with no sources", () => {
    const reading = readMirrorYml(MIRROR_YML_TEMPLATE, "newsmirror.yml");
    expect(reading.problems).toEqual([]);
    expect({ ...DEFAULT_SOURCE_OPTIONS, ...reading.defaults }).toEqual(DEFAULT_SOURCE_OPTIONS);
    expect(reading.fetch).toEqual(DEFAULT_FETCH_SETTINGS);
    expect(reading.sources).toEqual([]);
  });

  it("mentions every per-source option", () => {
    for (const key of SOURCE_OPTION_RULES.keys()) expect(MIRROR_YML_TEMPLATE).toContain(`${key}:`);
  });

  it("is written back unchanged by the yaml Document API, so `sources add` moves no comment", () => {
    expect(parseDocument(MIRROR_YML_TEMPLATE).toString({ lineWidth: 0 })).toBe(MIRROR_YML_TEMPLATE);
  });
});

describe("formatJekyllConfig", () => {
  it.each([
    ["a plain title", "mirror", "title: mirror\n"],
    ["a title YAML would misread is quoted", "yes: no", 'title: "yes: no"\n'],
  ])("%s", (_, title, firstLine) => {
    const text = formatJekyllConfig(title);
    expect(text).toBe(`${firstLine}timezone: Asia/Taipei\npermalink: /:year-:month-:day/:title/\n`);
    expect(parseDocument(text).toJS()).toEqual({ title, timezone: "Asia/Taipei", permalink: "/:year-:month-:day/:title/" });
  });
});
