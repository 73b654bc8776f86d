// A workshop link to the Run page (`#/run?benchmark=vqa-rad,slake&model=qwen2-vl-2b`, or with `data=<url>` the dataset
// loaded from there) preselects what it names;
// it never starts a run (the user still presses Run). Ids the page does not know are returned, so the page can say
// so instead of silently showing a different choice.
import { MODELS } from '../../../core/models/registry';
import type { Target } from './run-plan';
import { BROWSER_MODELS } from './run-plan';

export interface LinkChoice {
  /** Benchmarks to tick (only those offered), in the link's order; absent when the link names none. */
  benchmarks?: string[];
  /** The model to select and where it runs. */
  model?: { target: Target; id: string };
  /** Ids in the link that name nothing offered. */
  unknown: string[];
}

export interface LinkContext {
  /** Benchmark ids the page can run. */
  benchmarks: readonly string[];
  /** The user's own in-browser models. */
  userModels: readonly string[];
  /**
   * For a link with `data=<url>`: the plan entry of the dataset it loaded (it stands for the link's benchmark), or
   * null when that load failed (then no benchmark is ticked: the demo slice never stands in for the data).
   */
  dataEntry?: string | null;
}

/** Comma-separated and repeated keys both count: `benchmark=a,b` and `benchmark=a&benchmark=b`. */
const listOf = (params: URLSearchParams, key: string): string[] =>
  params
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * What a link preselects. A model with a web export (or one of the user's) runs in the browser; any other registry
 * model is picked for a server (its usual served name filled in by the caller).
 */
export function linkChoice(params: URLSearchParams, ctx: LinkContext): LinkChoice {
  const unknown: string[] = [];
  const choice: LinkChoice = { unknown };
  const named = listOf(params, 'benchmark');
  if (ctx.dataEntry !== undefined) {
    if (ctx.dataEntry !== null) choice.benchmarks = [ctx.dataEntry];
  } else if (named.length > 0) {
    const offered = named.filter((b) => ctx.benchmarks.includes(b));
    unknown.push(...named.filter((b) => !ctx.benchmarks.includes(b)));
    if (offered.length > 0) choice.benchmarks = [...new Set(offered)];
  }
  const model = listOf(params, 'model')[0];
  if (model !== undefined) {
    if (ctx.userModels.includes(model) || BROWSER_MODELS.some((m) => m.id === model))
      choice.model = { target: 'browser', id: model };
    else if (MODELS.some((m) => m.id === model)) choice.model = { target: 'remote', id: model };
    else unknown.push(model);
  }
  return choice;
}
