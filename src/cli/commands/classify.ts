// `classify train | apply | report`: the understanding/reasoning classifier of Tables 2–3 (protocol §4).
import { describeClassifier, parseClassifierFile } from '../../core/classify';
import { didYouMean } from '../../core/errors';
import { parseCommandArgs } from '../args';
import { APPLY_OPTIONS, classifyApply } from '../classify/apply';
import { EMBEDDING_OPTIONS } from '../classify/sources';
import { TRAIN_OPTIONS, classifyTrain } from '../classify/train';
import { readUserFile } from '../files';
import { type CliIO, usageError } from '../io';

export const CLASSIFY_USAGE = `classify train --benchmark medxpertqa --data <dir|zip|url> --embeddings <text|remote:<url>[,<url>…]> --out <classifier.json>
           [--with-text] [--folds 5] [--seed N] [--l2 λ] [--embed-model <served name>] [--api-key-env VAR] [--cache-dir <dir>]
classify apply --benchmark <id> --data <dir|zip|url> [--variant <name>] [--classifier <file>|text] --out <tags.jsonl>
           [--embeddings remote:<url>…] [--embed-model …] [--api-key-env VAR] [--cache-dir <dir>]
classify report <classifier.json>`;

const SUBCOMMANDS = ['train', 'apply', 'report'] as const;

export async function classifyCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(CLASSIFY_USAGE + '\n');
    return 0;
  }
  if (sub === 'train')
    return classifyTrain(parseCommandArgs('classify train', rest, { ...TRAIN_OPTIONS, ...EMBEDDING_OPTIONS }), io);
  if (sub === 'apply')
    return classifyApply(parseCommandArgs('classify apply', rest, { ...APPLY_OPTIONS, ...EMBEDDING_OPTIONS }), io);
  if (sub === 'report') {
    const p = parseCommandArgs('classify report', rest, {}, true);
    const file = p.positionals[0];
    if (file === undefined || p.positionals.length > 1)
      throw usageError('classify report: give one classifier file (classify report <classifier.json>).');
    io.stdout(describeClassifier(parseClassifierFile(await readUserFile(io, file, 'classifier file'), file)));
    return 0;
  }
  const guess = sub === undefined ? null : didYouMean(sub, SUBCOMMANDS);
  throw usageError(
    `classify: ${sub === undefined ? 'give' : `unknown '${sub}';`} one of ${SUBCOMMANDS.join(', ')}${guess ? ` — did you mean '${guess}'?` : ''}.\n${CLASSIFY_USAGE}`,
  );
}
