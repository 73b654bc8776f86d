// medvlm-bench: items | score | tables | compare | run. Each command is a function (argv, io) → exit code.
import { BENCHMARK_IDS } from '../core/benchmarks/catalogue';
import { didYouMean } from '../core/errors';
import { TABLE_KINDS } from '../core/tables/registry';
import { type CliIO, processIO, reportError, usageError } from './io';
import { SAMPLE_USAGE } from './sample-args';

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { load: () => Promise<Command>; summary: string }> = {
  items: {
    load: async () => (await import('./commands/items')).itemsCommand,
    summary:
      'items --benchmark <id> --data <dir|zip|url> [--variant <name>] [--sample <N|P%> [--seed <int>]]   normalised items as JSONL',
  },
  score: {
    load: async () => (await import('./commands/score')).scoreCommand,
    summary:
      'score --benchmark <id> --data <dir|zip|url> --predictions <file> [--mode paper|lenient] [--model <id>] [--out <results.jsonl>] [--max-new-tokens N] [--sample <N|P%> [--seed <int>]] [--by <meta field>|tag] [--skip-missing] [--json]',
  },
  tables: {
    load: async () => (await import('./commands/tables')).tablesCommand,
    summary: `tables <results files…> [--table ${TABLE_KINDS.join('|')}] [--format md|csv|latex|json] [--paper] [--tags <tags.jsonl>]…`,
  },
  compare: {
    load: async () => (await import('./commands/compare')).compareCommand,
    summary:
      'compare <a.jsonl> <b.jsonl> [--mode paper|lenient] [--json]   two runs paired by item: difference, agreement, McNemar',
  },
  classify: {
    load: async () => (await import('./commands/classify')).classifyCommand,
    summary: 'classify train|apply|report …   understanding/reasoning tags for Tables 2–3 (classify --help for all)',
  },
  run: {
    load: async () => (await import('./commands/run')).runCommand,
    summary:
      'run --benchmark <id>[,<id>…] --data <dir|zip|url>… --endpoint <url>… --model <served name> (--out <results.jsonl> | --out-dir <dir>) [--sample <N|P%> [--seed <int>]] [options]   (run --help for all)',
  },
};

export function usage(): string {
  return [
    'usage: medvlm-bench <command> [options]',
    '',
    ...Object.values(COMMANDS).map((c) => '  ' + c.summary),
    '',
    `benchmarks: ${BENCHMARK_IDS.join(', ')}`,
    '',
    'samples (items, score, run):',
    SAMPLE_USAGE,
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  try {
    if (!entry) {
      const guess = didYouMean(name, Object.keys(COMMANDS));
      throw usageError(
        `unknown command '${name}'${guess ? ` — did you mean '${guess}'?` : ''}; run 'medvlm-bench --help' for the list.`,
      );
    }
    const command = await entry.load();
    return await command(rest, io);
  } catch (e) {
    return reportError(io, e);
  }
}
