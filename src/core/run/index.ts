// The run engine's front door: plan → for each item build, generate, extract, score, store; resumable.
export { runEvaluation } from './engine';
export { createRunControl } from './control';
export type { ControlState, RunControl } from './control';
export { buildRunManifest } from './manifest';
export { describeRunIdentity, manifestMismatches, runIdentityOf, runIdentityText, sameRunIdentity } from './compat';
export type { RunIdentity } from './compat';
export type { RunManifestInput } from './manifest';
export { evaluateItem, resolveImages } from './item';
export type {
  ItemHooks,
  ItemRef,
  RunFailure,
  RunOptions,
  RunOutcome,
  RunPorts,
  RunProgress,
  RunSpec,
  RunState,
} from './types';
export { GENERATION_DEFAULTS, responseByteCap, storedOutputCap } from './generation-defaults';
export { DEFAULT_WARM_UP, warmUpRequest, warmUpUntilSteady } from './warm-up';
export type { WarmUpOptions, WarmUpReport } from './warm-up';
export { loadWarmedUp, type LoadWarmedUpOptions } from './load-warmed-up';
