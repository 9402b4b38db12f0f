// Front door of site search: build the static index, query it (the browser's engine), and list the reader's assets.
// Design and measurements: src/site/search/README.md.
export { buildSearchIndex, problemWith } from "./build-index.js";
export type { SearchDoc, IndexOutput, BuildOptions, BuildReport } from "./build-index.js";
export { searchIndex, runSearch, readShardFromDir } from "./query.js";
export type { SearchHit, SearchFilters, SearchOutcome } from "./engine.js";
export { readerAssets } from "./reader-assets.js";
export { hasPendingWork } from "./search-state.js";
export type { ReaderAsset } from "./reader-assets.js";
