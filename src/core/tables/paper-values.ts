// The paper's Tables 1–3, typed in once as data: rows in the printed order, labels exactly as printed
// (typos kept), values to the printed 4 decimals. Checked against the paper's text by a unit test.
import type { ModelGroup } from '../models/registry';
import type { BenchmarkId } from '../types';
import type { TableKind } from './types';

/** The benchmarks the paper prints, in its column order: each row below lists its values in this order. */
const PRINTED = [
  'medxpertqa',
  'omnimedvqa',
  'pmc-vqa',
  'pathvqa',
  'mmmu-med',
  'slake',
  'vqa-rad',
] as const satisfies readonly BenchmarkId[];
/** Catalogued benchmarks the paper did not evaluate, as a union of ids (none yet): no paper values, no paper cells. */
type NotInPaper = never;

/** A benchmark the paper printed a column for. */
export type PaperBenchmark = (typeof PRINTED)[number];
export const PAPER_BENCHMARKS: readonly PaperBenchmark[] = Object.freeze([...PRINTED]);
// A benchmark added to the catalogue must be listed in PRINTED or NotInPaper: the compiler names it here.
type NeverLeft<T extends never> = T;
export type EveryBenchmarkPlaced = NeverLeft<Exclude<BenchmarkId, PaperBenchmark | NotInPaper>>;

export interface PaperRow {
  /** Registry model id. */
  model: string;
  /** Row label as printed in this table. */
  label: string;
  group: ModelGroup;
  values: Readonly<Record<PaperBenchmark, number>>;
}

/** One printed row: a value per PRINTED column, in order (its length follows PRINTED). */
type Printed = NumberPer<typeof PRINTED>;
type NumberPer<T extends readonly unknown[]> = { readonly [I in keyof T]: number };

function row(model: string, label: string, group: ModelGroup, printed: Printed): PaperRow {
  const values = {} as Record<PaperBenchmark, number>;
  PRINTED.forEach((id, i) => {
    values[id] = printed[i] ?? Number.NaN;
  });
  return Object.freeze({ model, label, group, values: Object.freeze(values) });
}

function isPrinted(benchmark: BenchmarkId): benchmark is PaperBenchmark {
  return (PRINTED as readonly BenchmarkId[]).includes(benchmark);
}

/** A paper row's value for one benchmark; null when the paper has no such column. */
export function paperRowValue(row: PaperRow, benchmark: BenchmarkId): number | null {
  return isPrinted(benchmark) ? row.values[benchmark] : null;
}

const TABLE_1: readonly PaperRow[] = [
  row('qwen2.5-vl-3b', 'Qwen2.5-VL-3B', 'general', [0.2217, 0.571, 0.4014, 0.619, 0.469, 0.5874, 0.5458]),
  row('qwen2.5-vl-7b', 'Qwen2.5-VL-7B', 'general', [0.2305, 0.6072, 0.442, 0.6205, 0.5379, 0.6068, 0.6255]),
  row('qwen2.5-vl-32b', 'Qwen2.5-VL-32B', 'general', [0.289, 0.6383, 0.5331, 0.6573, 0.7075, 0.7326, 0.7041]),
  row('qwen2.5-vl-72b', 'Qwen 2.5-VL-72B', 'general', [0.2995, 0.6656, 0.5577, 0.6597, 0.7078, 0.7799, 0.6835]),
  row('mimo-vl-7b-rl', 'MiMo-VL-7B-RL', 'general', [0.2446, 0.6206, 0.4585, 0.6255, 0.6, 0.7233, 0.6135]),
  row('mimo-vl-7b-sft', 'MiMo-VL-7B-SFT', 'general', [0.2455, 0.6323, 0.4985, 0.6398, 0.6276, 0.7257, 0.6374]),
  row('lingshu-7b', 'Lingshu-7B', 'medical', [0.2505, 0.6436, 0.5213, 0.7192, 0.6389, 0.8034, 0.6574]),
  row('lingshu-32b', 'Lingshu-32B', 'medical', [0.3107, 0.7662, 0.5365, 0.7609, 0.6345, 0.7718, 0.6295]),
  row(
    'huatuogpt-vision-7b',
    'Huatuo-GPT-Vision-7B',
    'medical',
    [0.2215, 0.7429, 0.549, 0.5791, 0.5448, 0.7644, 0.6056],
  ),
  row(
    'huatuogpt-vision-32b',
    'Huatuo-GPT-Vision-32E',
    'medical',
    [0.2415, 0.7619, 0.5785, 0.6291, 0.5862, 0.7764, 0.6892],
  ),
];

const TABLE_2: readonly PaperRow[] = [
  row('qwen2.5-vl-3b', 'Qwen2.5-VL-3B', 'general', [0.2151, 0.5809, 0.4251, 0.5945, 0.4865, 0.5882, 0.534]),
  row('qwen2.5-vl-7b', 'Qwen2.5-VL-7B', 'general', [0.2254, 0.6285, 0.4738, 0.6644, 0.5495, 0.6106, 0.6456]),
  row('qwen2.5-vl-32b', 'Qwen2.5-VL-32B', 'general', [0.2718, 0.6579, 0.5507, 0.6763, 0.717, 0.7293, 0.7487]),
  row('qwen2.5-vl-72b', 'Qwen2.5-VL-72B', 'general', [0.2953, 0.6805, 0.5757, 0.6898, 0.7264, 0.7863, 0.7236]),
  row('mimo-vl-7b-rl', 'MiMo-VL-7B-RL', 'general', [0.235, 0.6155, 0.4886, 0.6525, 0.5946, 0.7395, 0.6262]),
  row('mimo-vl-7b-sft', 'MiMo-VL-7B-SFT', 'general', [0.2414, 0.6284, 0.5173, 0.6746, 0.6306, 0.7311, 0.665]),
  row('lingshu-7b', 'Lingshu-7B', 'medical', [0.2427, 0.6213, 0.538, 0.7445, 0.6455, 0.8039, 0.6748]),
  row('lingshu-32b', 'Lingshu-32B', 'medical', [0.2997, 0.7526, 0.5609, 0.7462, 0.6577, 0.7815, 0.6505]),
  row('huatuogpt-vision-7b', 'Huatuo-GPT-Vision-7B', 'medical', [0.2033, 0.7174, 0.572, 0.506, 0.5225, 0.7701, 0.572]),
  row(
    'huatuogpt-vision-32b',
    'Huatuo-GPT-Vision-32',
    'medical',
    [0.2144, 0.7473, 0.6133, 0.5894, 0.5856, 0.7922, 0.7184],
  ),
];

const TABLE_3: readonly PaperRow[] = [
  row('qwen2.5-vl-3b', 'Qwen2.5-VL-3B', 'general', [0.1802, 0.55, 0.3604, 0.5851, 0.4522, 0.5552, 0.5089]),
  row('qwen2.5-vl-7b', 'Qwen2.5-VL-7B', 'general', [0.2024, 0.5801, 0.3955, 0.5984, 0.4873, 0.5706, 0.589]),
  row('qwen2.5-vl-32b', 'Qwen2.5-VL-32B', 'general', [0.2489, 0.621, 0.471, 0.6403, 0.599, 0.6841, 0.6451]),
  row('qwen2.5-vl-72b', 'Qwen2.5-VL-72B', 'general', [0.2622, 0.6395, 0.5052, 0.6611, 0.6084, 0.7013, 0.639]),
  row('mimo-vl-7b-rl', 'MiMo-VL-7B-RL', 'general', [0.215, 0.5999, 0.4088, 0.604, 0.52, 0.6722, 0.5712]),
  row('mimo-vl-7b-sft', 'MiMo-VL-7B-SFT', 'general', [0.2257, 0.6102, 0.4399, 0.6204, 0.5622, 0.68, 0.5984]),
  row('lingshu-7b', 'Lingshu-7B', 'medical', [0.2305, 0.6253, 0.4582, 0.6681, 0.5755, 0.7102, 0.6112]),
  row('lingshu-32b', 'Lingshu-32B', 'medical', [0.2751, 0.712, 0.4895, 0.7011, 0.5827, 0.6991, 0.6221]),
  row('huatuogpt-vision-7b', 'Huatuo-GPT-Vision-7B', 'medical', [0.1901, 0.6812, 0.4997, 0.5722, 0.499, 0.6902, 0.585]),
  row(
    'huatuogpt-vision-32b',
    'Huatuo-GPT-Vision-32E',
    'medical',
    [0.2104, 0.6995, 0.5208, 0.6153, 0.5452, 0.7204, 0.6301],
  ),
];

export const PAPER_TABLES: Readonly<Record<TableKind, readonly PaperRow[]>> = Object.freeze({
  1: Object.freeze(TABLE_1),
  2: Object.freeze(TABLE_2),
  3: Object.freeze(TABLE_3),
});

/** The paper's value for one model, column and table; null when the paper has no such row or column. */
export function paperValue(kind: TableKind, model: string, benchmark: BenchmarkId): number | null {
  const found = PAPER_TABLES[kind].find((r) => r.model === model);
  return found === undefined ? null : paperRowValue(found, benchmark);
}
