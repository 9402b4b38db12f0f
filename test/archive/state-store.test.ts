import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadState, saveState } from "../../src/archive/state-store.js";
import { useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();
const NOW = new Date("2024-05-01T12:00:00.000Z");

describe("loadState and saveState", () => {
  it("reads a missing file as an empty state", async () => {
    expect(await loadState(join(tempDir(), "state.json"), NOW, { keepAside: true })).toEqual({ ok: true, value: { state: { sources: {} }, warning: null } });
  });

  it("round-trips a state and fills fields an older file lacks", async () => {
    const path = join(tempDir(), "state.json");
    writeFileSync(path, JSON.stringify({ sources: { "https://a.example/feed": { site: "A", lastSuccess: "2024-01-01T00:00:00.000Z", custom: 1 } } }));
    const loaded = await loadState(path, NOW, { keepAside: true });
    if (!loaded.ok) throw new Error(loaded.failure.message);
    const source = loaded.value.state.sources["https://a.example/feed"];
    expect(source).toMatchObject({ site: "A", lastSuccess: "2024-01-01T00:00:00.000Z", consecutiveFailures: 0, validators: { etag: null, lastModified: null }, custom: 1 });
    expect((await saveState(path, loaded.value.state)).ok).toBe(true);
    const again = await loadState(path, NOW, { keepAside: true });
    expect(again.ok && again.value.state).toEqual(loaded.value.state);
    expect(readdirSync(join(path, "..")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it.each([
    ["not JSON", "{ cut"],
    ["JSON without sources", "[]"],
  ])("keeps an unreadable file (%s) aside and starts empty with a warning", async (_reason, text) => {
    const path = join(tempDir(), "state.json");
    writeFileSync(path, text);
    const loaded = await loadState(path, NOW, { keepAside: true });
    expect(loaded.ok && loaded.value.state).toEqual({ sources: {} });
    expect(loaded.ok && loaded.value.warning).toContain("state.json.unreadable-2024-05-01T12-00-00-000Z");
    expect(existsSync(`${path}.unreadable-2024-05-01T12-00-00-000Z`)).toBe(true);
  });
});
