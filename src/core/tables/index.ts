// Front door of Tables 1–3: the table registry, assembly from result runs, the paper's reference values, columns,
// shading, exporters.
export { assembleTable } from './assemble';
export type { AssembleOptions } from './assemble';
export { localServerAgreements } from './agreement';
export { TABLE_COLUMNS, GROUP_LABELS } from './columns';
export { DEFAULT_TABLE_KIND, TABLES, TABLE_KINDS, TABLE_REGISTRY, parseTableKind } from './registry';
export type { TableSpec } from './registry';
export { PAPER_BENCHMARKS, PAPER_TABLES, paperRowValue, paperValue } from './paper-values';
export type { PaperBenchmark, PaperRow } from './paper-values';
export { shadeLevels } from './shading';
export type { VariantChoice } from './select-runs';
export { TABLE_FORMAT_VERSION } from './types';
export type {
  CellSample,
  MeasuredCell,
  PaperCell,
  ShadeLevel,
  Table,
  TableCell,
  TableColumn,
  TableGroup,
  TableGroupId,
  TableKind,
  TableRow,
} from './types';
export {
  toCsv,
  tablesToCsv,
  toJson,
  toLatex,
  toMarkdown,
  escapeLatex,
  neutraliseCsv,
  quoteCsv,
  CSV_HEADER,
  SHADE_PERCENT,
  TABLE_JSON_FORMAT,
} from './export';
