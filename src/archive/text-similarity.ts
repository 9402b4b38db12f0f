// How much an article's text changed between two versions, for the revision history: 1 is the same text.

/** The visible text of an HTML fragment, with whitespace folded. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const chars = Array.from(text);
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = (chars[i] as string) + (chars[i + 1] as string);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/**
 * Dice coefficient of the two texts' character-bigram multisets, two decimals: works the same for Chinese
 * (no word spaces) and Latin text, and a reworded sentence lowers it in proportion to what changed.
 * @example textSimilarity("<p>王毅會緬甸外長</p>", "<p>王毅會見緬甸外長</p>") // 0.77
 */
export function textSimilarity(beforeHtml: string, afterHtml: string): number {
  const before = bigrams(visibleText(beforeHtml));
  const after = bigrams(visibleText(afterHtml));
  let total = 0;
  let shared = 0;
  for (const count of before.values()) total += count;
  for (const [gram, count] of after) {
    total += count;
    shared += Math.min(count, before.get(gram) ?? 0);
  }
  if (total === 0) return 1;
  return Math.round(((2 * shared) / total) * 100) / 100;
}
