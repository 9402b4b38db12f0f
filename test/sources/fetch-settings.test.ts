// Tests of fetch-settings.ts: the `fetch:` map of newsmirror.yml.
import { describe, expect, it } from "vitest";
import { readFetchSettings } from "../../src/sources/fetch-settings.js";
import { readYamlWithLines } from "../../src/sources/yaml-reader.js";

function fetchNode(yaml: string) {
  const read = readYamlWithLines(`fetch: ${yaml}\n`);
  if (!read.ok || read.node?.kind !== "map" || !read.node.entries[0]) throw new Error("bad test input");
  return read.node.entries[0].value;
}

describe("readFetchSettings", () => {
  it("reads snake_case keys into FetchSettings fields", () => {
    const reading = readFetchSettings(fetchNode("{ concurrency: 4, per_host: 1, timeout: 2.5, retries: 0, max_bytes: 1024 }"), "newsmirror.yml");
    expect(reading).toEqual({ settings: { concurrency: 4, perHost: 1, timeoutSeconds: 2.5, retries: 0, maxBytes: 1024 }, problems: [] });
  });

  it("reads `fetch:` with nothing as no settings", () => {
    expect(readFetchSettings(fetchNode(""), "f")).toEqual({ settings: {}, problems: [] });
  });

  it.each([
    ["zero concurrency would never fetch", "{ concurrency: 0 }", "`fetch.concurrency` must be a whole number of requests at once, 1 or more; it is the number 0"],
    ["a fraction of a request", "{ per_host: 1.5 }", "`fetch.per_host` must be a whole number"],
    ["a timeout of 0", "{ timeout: 0 }", "`fetch.timeout` must be a number of seconds above 0"],
    ["negative retries", "{ retries: -1 }", "`fetch.retries` must be a whole number of retries, 0 or more"],
    ["a size as text", "{ max_bytes: 8MB }", "it is the text \"8MB\""],
    ["an unknown key", "{ timeout_seconds: 3 }", "unknown key `timeout_seconds` in `fetch`"],
    ["a list", "[1]", "`fetch` must be a map"],
  ])("refuses %s", (_, yaml, message) => {
    const reading = readFetchSettings(fetchNode(yaml), "f");
    expect(reading.problems[0]?.message).toContain(message);
    expect(reading.problems[0]?.line).toBe(1);
  });
});
