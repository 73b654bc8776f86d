// Exporters of an assembled table: markdown, CSV (long form), LaTeX (booktabs), JSON.
export { toMarkdown } from './markdown';
export { toCsv, tablesToCsv, neutraliseCsv, quoteCsv, CSV_HEADER } from './csv';
export { toLatex, escapeLatex, SHADE_PERCENT } from './latex';
export { toJson, TABLE_JSON_FORMAT } from './json';
