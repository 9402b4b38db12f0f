// Where the default theme lives: `theme/` ships beside `dist/` in the package (package.json "files").
import { fileURLToPath } from "node:url";

/**
 * The default theme folder, found from this file, which sits two folders below the project wherever it runs
 * from: `src/site/`, `dist/site/`, or the bundle in `dist/bin/` (scripts/bundle.ts).
 */
export const THEME_URL = new URL("../../theme/", import.meta.url);
export const DEFAULT_THEME_DIR = fileURLToPath(THEME_URL);
