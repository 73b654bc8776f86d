// Front door of scoring: per-item results, summaries with Wilson intervals, grouping, McNemar, paired comparison.

export { scoreOutput, toItemResult, toMissingResult, type ItemResultOptions } from './item-result';
export { wilsonInterval, Z_95 } from './wilson';
export { EXTRACT_STATUSES, PARSED_STATUSES } from '../extract/statuses';
export { grouped, groupByMeta, groupByTag, metaFields, summarize, type Summary } from './summary';
export { mcnemar, MCNEMAR_EXACT_BELOW, type McNemarResult } from './mcnemar';
export { comparePaired, pairedDiffInterval, type PairedComparison } from './compare';
