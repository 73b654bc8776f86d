// The model registry's front door: built-in models (builtin-models.ts) and the user's (user-models.ts), looked up
// by id with "did you mean" for unknown ones.
import { didYouMean, EvalError } from '../errors';
import { MODELS } from './builtin-models';
import type { ModelEntry } from './entry';

export { MODELS, PAPER_MODEL_IDS } from './builtin-models';
export { webRepoFor, type ModelEngine, type ModelEntry, type ModelGroup, type WebExport } from './entry';
export { registerUserModels, userModel, validateRepoId, type UserModelOptions } from './user-models';

export function findModel(id: string, user: readonly ModelEntry[] = []): ModelEntry | undefined {
  return MODELS.find((m) => m.id === id) ?? user.find((m) => m.id === id);
}

/** Built-in models, then the user's; a user id equal to a built-in one, or repeated, is refused. */
export function allModels(user: readonly ModelEntry[] = []): readonly ModelEntry[] {
  const seen = new Set<string>(MODELS.map((m) => m.id));
  for (const m of user) {
    if (seen.has(m.id))
      throw new EvalError(
        'config/duplicate-model',
        `Model id "${m.id}" is defined twice: user models need ids of their own.`,
      );
    seen.add(m.id);
  }
  return [...MODELS, ...user];
}

/** Like findModel, but throws config/unknown-model with "did you mean". */
export function requireModel(id: string, user: readonly ModelEntry[] = []): ModelEntry {
  const found = findModel(id, user);
  if (found !== undefined) return found;
  const guess = didYouMean(
    id,
    allModels(user).map((m) => m.id),
  );
  throw new EvalError(
    'config/unknown-model',
    `Unknown model "${id}"${guess !== null ? `: did you mean "${guess}"?` : '.'} Add it as a user model (repo id + engine) or pick one of the registry.`,
  );
}
