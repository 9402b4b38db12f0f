// Checks a CSS selector with the same engine the content stage queries pages with (linkedom).
import { parseHTML } from "linkedom";

let probe: { querySelectorAll(selector: string): unknown } | null = null;

/** Null when `selector` parses, else the engine's reason. Empty selectors are refused too. */
export function whyNotSelector(selector: string): string | null {
  if (selector.trim() === "") return "an empty selector removes nothing";
  probe ??= parseHTML("<!doctype html><html><body></body></html>").document;
  try {
    probe.querySelectorAll(selector);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
