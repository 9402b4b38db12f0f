// Test items for archive tests, usable from child processes (no vitest import).
import type { PostInput } from "../../src/archive/index.js";

export const RUN_TIME = new Date("2024-05-01T12:00:00.000Z");

/** A distinct item per number. */
export function item(n: number, overrides: Partial<PostInput> = {}): PostInput {
  return {
    title: `Item ${n}`,
    link: `https://news.example/a/${n}`,
    guid: null,
    author: "Site",
    site: "Site",
    published: new Date(Date.UTC(2024, 3, 1 + (n % 28), 8, 0, 0)),
    html: `<p>text ${n}</p>`,
    runTime: RUN_TIME,
    ...overrides,
  };
}
