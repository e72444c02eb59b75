// Parses an RDF document (Turtle with n3, JSON-LD with jsonld) and prints, as JSON, how many
// distinct subjects are typed dcat:Dataset, dcat:Catalog and dcat:Distribution, the number
// of triples and the dct:title and dct:description values. Exits 1 with the parser's message when the document is not valid RDF.
// Usage: node tests/rdf/count-datasets.mjs turtle|jsonld FILE
// The packages come from web/node_modules (web/package.json devDependencies).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const N3 = require('n3');
const jsonld = require('jsonld');

const [syntax, file] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCAT = 'http://www.w3.org/ns/dcat#';

async function quads() {
  if (syntax === 'turtle') return new N3.Parser({ format: 'text/turtle' }).parse(text);
  if (syntax === 'jsonld') {
    // No remote contexts: a document loader that refuses every fetch.
    const documentLoader = async (url) => { throw new Error(`remote context not allowed: ${url}`); };
    const nquads = await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', documentLoader, safe: true });
    return new N3.Parser({ format: 'application/n-quads' }).parse(nquads);
  }
  throw new Error(`unknown syntax ${syntax}`);
}

try {
  const qs = await quads();
  const typed = (cls) => new Set(qs.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === DCAT + cls)
    .map((q) => q.subject.value));
  const datasets = [...typed('Dataset')].sort();
  const values = (p) => qs.filter((q) => q.predicate.value === 'http://purl.org/dc/terms/' + p).map((q) => q.object.value);
  console.log(JSON.stringify({
    triples: qs.length, datasets, catalogs: typed('Catalog').size, distributions: typed('Distribution').size,
    titles: values('title'), descriptions: values('description'),
  }));
} catch (e) {
  console.error(String(e && e.message || e));
  process.exit(1);
}
