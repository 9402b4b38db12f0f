import { parseDocument } from "htmlparser2";
const n = Number(process.argv[2]);
const deep = `<html>${"<div>".repeat(n)}`;
for (const opts of [{ xmlMode: true }, { xmlMode: true, withStartIndices: true, withEndIndices: true }, { xmlMode: true, decodeEntities: false }]) {
  const s = performance.now(); parseDocument(deep, opts); console.log(n, JSON.stringify(opts), (performance.now() - s).toFixed(0), "ms");
}
