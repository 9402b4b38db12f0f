// Runs the theme's classic scripts against a linkedom page in a vm context, loading <script src> tags
// from a map of files, so the search page and the toggle are exercised the way a browser runs them.
import { readFileSync } from "node:fs";
import { createContext, runInContext, type Context } from "node:vm";
import { NodeFilter, parseHTML } from "linkedom";

export interface Page {
  context: Context;
  document: Document;
  /** Paths the page asked to load by <script src>. */
  loaded: string[];
  storage: Map<string, string>;
  run(file: string): void;
}

/** A page at `search` (e.g. "?q=x") whose <script src> tags are served by `serve` (null: load error). */
export function openPage(html: string, search: string, serve: (src: string) => string | null, storage = new Map<string, string>()): Page {
  const { document, window } = parseHTML(html);
  const loaded: string[] = [];
  const context = createContext({
    document,
    location: { search, href: `file:///site/search/index.html${search}` },
    URLSearchParams,
    performance,
    console,
    NodeFilter,
    MutationObserver: (window as unknown as { MutationObserver?: unknown }).MutationObserver,
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, String(v)),
      removeItem: (k: string) => void storage.delete(k),
    },
  });
  runInContext("var window = globalThis; var self = globalThis;", context);
  const head = document.head;
  const append = head.appendChild.bind(head);
  head.appendChild = <T extends Node>(node: T): T => {
    const el = node as unknown as HTMLScriptElement;
    if (el.tagName === "SCRIPT") {
      const src = el.getAttribute("src") ?? "";
      loaded.push(src);
      setTimeout(() => {
        const text = serve(src);
        if (text === null) el.onerror?.(new Event("error") as never);
        else {
          runInContext(text, context, { filename: src });
          el.onload?.(new Event("load") as never);
        }
      }, 0);
    }
    return append(node);
  };
  return {
    context,
    document: document as unknown as Document,
    loaded,
    storage,
    run(file: string) {
      runInContext(readFileSync(file, "utf8"), context, { filename: file });
    },
  };
}

/** Waits until `check` holds, or fails after `ms`. */
export async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting for the page");
    await new Promise((r) => setTimeout(r, 10));
  }
}
