// The run-level failures of loading: an unknown variant, or no recognisable raw file where the user pointed.
import { EvalError, didYouMean } from '../errors';

export function assertVariant<V extends string>(
  benchmark: string,
  variant: string,
  variants: readonly V[],
): asserts variant is V {
  if ((variants as readonly string[]).includes(variant)) return;
  const guess = didYouMean(variant, variants);
  throw new EvalError(
    'config/unknown-variant',
    `Unknown variant '${variant}' for ${benchmark}.${guess ? ` Did you mean '${guess}'?` : ''} ` +
      `Valid variants: ${variants.join(', ')}.`,
  );
}

/** No raw file of the expected shape under the source root. */
export function noDataError(title: string, root: string, expected: string, hint = ''): EvalError {
  return new EvalError(
    'dataset/no-files',
    `No ${title} data found under '${root}': expected ${expected}.${hint ? ' ' + hint : ''} ` +
      `Pass --data <dir> pointing at the folder that holds the official files.`,
  );
}
