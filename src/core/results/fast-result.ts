// A hand-written check of a well-formed result line, equivalent to ResultSchema for every line it accepts: an
// 89k-line import spent most of its time in valibot's generic walk (a dataset, an output object and issue
// bookkeeping per field per line). A line this rejects is not necessarily bad: the reader then asks valibot, which
// decides and describes the problem, so the fast path can only ever be stricter, never looser.
// tests/unit/core/results/fast-result.test.ts holds both to the same verdict and output over good and mutated lines.
import type * as v from 'valibot';
import { BENCHMARK_IDS } from '../benchmarks/catalogue';
import { EXTRACT_STATUSES } from '../extract/statuses';
import type { MetaValue } from '../types';
import type { ResultSchema } from './schema';

export type ResultLine = v.InferOutput<typeof ResultSchema>;

const BENCHMARKS: ReadonlySet<unknown> = new Set(BENCHMARK_IDS);
const STATUSES: ReadonlySet<unknown> = new Set(EXTRACT_STATUSES);

/** ResultSchema's keys in its order; the last three are optional. */
const KEYS = [
  'type',
  'id',
  'benchmark',
  'variant',
  'model',
  'output',
  'extracted',
  'letter',
  'status',
  'mode',
  'gold',
  'correct',
  'promptTokens',
  'completionTokens',
  'latencyMs',
  'truncated',
  'tag',
  'tagSource',
  'error',
  'outputLength',
  'meta',
] as const;
const FIRST_OPTIONAL = KEYS.indexOf('error');

/**
 * Whether the object's own keys are ResultSchema's, in its order, with nothing else: then valibot's output would
 * be a copy of it, and the parsed object itself can serve (one object per line instead of three).
 */
function hasSchemaKeys(x: object): boolean {
  let at = 0;
  for (const key in x) {
    while (at < KEYS.length && KEYS[at] !== key) {
      if (at < FIRST_OPTIONAL) return false;
      at += 1;
    }
    if (at === KEYS.length) return false;
    at += 1;
  }
  return at >= FIRST_OPTIONAL;
}

/** An error object valibot would copy as it is: exactly { code, message } in that order. */
function isExactError(x: object): boolean {
  let at = 0;
  for (const key in x) {
    if (key !== (at === 0 ? 'code' : at === 1 ? 'message' : '')) return false;
    at += 1;
  }
  return at === 2;
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isNonEmpty = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
// valibot's number(): any number but NaN (Infinity passes; checks.ts turns implausible ones into null).
const isNumber = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);
const isNullableNumber = (x: unknown): x is number | null => x === null || isNumber(x);
const isNullableString = (x: unknown): x is string | null => x === null || typeof x === 'string';
const isMode = (x: unknown): x is ResultLine['mode'] => x === 'paper' || x === 'lenient';
const isTag = (x: unknown): x is ResultLine['tag'] => x === null || x === 'reasoning' || x === 'understanding';
const isTagSource = (x: unknown): x is ResultLine['tagSource'] =>
  x === null || x === 'gold' || x === 'gme' || x === 'text';
const isStatus = (x: unknown): x is ResultLine['status'] => STATUSES.has(x);
const isBenchmark = (x: unknown): x is ResultLine['benchmark'] => BENCHMARKS.has(x);

/** A plain object whose every key valibot's record() keeps and whose every value is a metadata value. */
function isPlainMeta(x: unknown): x is Record<string, MetaValue> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  for (const key in x) {
    // valibot's record() drops these keys (and inherited ones); leave such a line to valibot.
    if (key === '__proto__' || key === 'prototype' || key === 'constructor' || !Object.hasOwn(x, key)) return false;
    const value: unknown = (x as Record<string, unknown>)[key];
    if (value !== null && typeof value !== 'string' && typeof value !== 'boolean' && !isNumber(value)) return false;
  }
  return true;
}

/**
 * The line as ResultSchema would output it (its fields in schema order, unknown keys dropped), or null when the
 * line is not plainly well formed — then valibot decides. When the line holds exactly the schema's keys in order
 * (as every writer of this format writes them) the parsed object itself is returned, `meta` included: JSON.parse
 * made it and no one else holds it.
 */
export function fastResult(x: Record<string, unknown>): ResultLine | null {
  const type = x['type'];
  const id = x['id'];
  const benchmark = x['benchmark'];
  const variant = x['variant'];
  const model = x['model'];
  const output = x['output'];
  const extracted = x['extracted'];
  const letter = x['letter'];
  const status = x['status'];
  const mode = x['mode'];
  const gold = x['gold'];
  const correct = x['correct'];
  const promptTokens = x['promptTokens'];
  const completionTokens = x['completionTokens'];
  const latencyMs = x['latencyMs'];
  const truncated = x['truncated'];
  const tag = x['tag'];
  const tagSource = x['tagSource'];
  if (
    type !== 'result' ||
    !isNonEmpty(id) ||
    !isBenchmark(benchmark) ||
    !isNonEmpty(variant) ||
    !isNonEmpty(model) ||
    !isString(output) ||
    !isNullableString(extracted) ||
    !isNullableString(letter) ||
    !isStatus(status) ||
    !isMode(mode) ||
    !isString(gold) ||
    typeof correct !== 'boolean' ||
    !isNullableNumber(promptTokens) ||
    !isNullableNumber(completionTokens) ||
    !isNullableNumber(latencyMs) ||
    typeof truncated !== 'boolean' ||
    !isTag(tag) ||
    !isTagSource(tagSource)
  )
    return null;
  const error = x['error'];
  if ('error' in x) {
    if (typeof error !== 'object' || error === null || Array.isArray(error)) return null;
    if (!isString((error as Record<string, unknown>)['code'])) return null;
    if (!isString((error as Record<string, unknown>)['message'])) return null;
  }
  const outputLength = x['outputLength'];
  if ('outputLength' in x && (!isNumber(outputLength) || !Number.isInteger(outputLength) || outputLength < 0))
    return null;
  if ('meta' in x && !isPlainMeta(x['meta'])) return null;
  // Every field checked: the parsed object is the output when its keys are the schema's, else a copy is made.
  if (hasSchemaKeys(x) && (error === undefined || isExactError(error as object))) return x as ResultLine;
  const line: ResultLine = {
    type,
    id,
    benchmark,
    variant,
    model,
    output,
    extracted,
    letter,
    status,
    mode,
    gold,
    correct,
    promptTokens,
    completionTokens,
    latencyMs,
    truncated,
    tag,
    tagSource,
  };
  // Optional fields: absent stays absent, as in valibot's output.
  if ('error' in x) {
    const e = error as Record<string, string>;
    line.error = { code: e['code'] ?? '', message: e['message'] ?? '' };
  }
  if ('outputLength' in x) line.outputLength = outputLength as number;
  if ('meta' in x) line.meta = x['meta'] as Record<string, MetaValue>;
  return line;
}
