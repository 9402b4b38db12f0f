// Test helper: the contract every `Entry` keeps, whatever dialect it came from (STYLE rule 15).
import type { Entry } from "../../src/feed/index.js";

/**
 * What is wrong with an entry, or [] when it keeps the contract: an absolute http(s) link or null,
 * a non-empty guid whenever there is a link, a valid Date or null, an html string, string categories.
 * Known gap, by design: html is not checked for script here, because the feed stage hands HTML on as
 * the feed wrote it and `content` sanitises last (STYLE rule 10; golden/README.md wants the raw bytes).
 */
export function contractViolations(entry: Entry): string[] {
  const problems: string[] = [];
  if (typeof entry.title !== "string") problems.push("title is not a string");
  if (entry.link !== null && !isAbsoluteHttp(entry.link)) problems.push(`link ${JSON.stringify(entry.link)} is not an absolute http(s) URL`);
  if (entry.link !== null && !(typeof entry.guid === "string" && entry.guid.trim() !== "")) problems.push("guid is empty although there is a link");
  if (entry.guid !== null && (typeof entry.guid !== "string" || entry.guid.trim() === "")) problems.push("guid is blank instead of null");
  if (entry.published !== null && !(entry.published instanceof Date && Number.isFinite(entry.published.getTime()))) problems.push("published is not a valid Date or null");
  if (typeof entry.html !== "string") problems.push("html is not a string");
  if (entry.author !== null && (typeof entry.author !== "string" || entry.author !== entry.author.trim() || entry.author === "")) problems.push("author is not trimmed text or null");
  if (!Array.isArray(entry.categories) || entry.categories.some((c) => typeof c !== "string" || c.trim() === "")) problems.push("categories are not non-blank strings");
  return problems;
}

function isAbsoluteHttp(link: string): boolean {
  try {
    const url = new URL(link);
    return (url.protocol === "http:" || url.protocol === "https:") && url.href === link;
  } catch {
    return false;
  }
}
