// `items`: a benchmark's normalised items (all, or a seeded stratified sample) as JSONL on stdout, the load report
// (and the sample's strata) on stderr.
import { getBenchmark } from '../../core/benchmarks';
import { resolveDataSource } from '../../data/resolve-source';
import { optionalString, parseCommandArgs, requireString } from '../args';
import type { CliIO } from '../io';
import { loadData } from '../load-data';
import { formatLoadReport } from '../report';
import { SAMPLE_OPTIONS, applySample, parseSampleArgs } from '../sample-args';

export async function itemsCommand(argv: string[], io: CliIO): Promise<number> {
  const p = parseCommandArgs('items', argv, {
    benchmark: { type: 'string' },
    data: { type: 'string' },
    variant: { type: 'string' },
    ...SAMPLE_OPTIONS,
  });
  const def = getBenchmark(requireString('items', p, 'benchmark'));
  const sampling = parseSampleArgs('items', p);
  const source = resolveDataSource(requireString('items', p, 'data'), io.cwd);
  const loaded = await loadData(source, def, optionalString(p, 'variant'));
  const { report } = loaded;
  io.stderr(formatLoadReport(report));
  const { items } = await applySample('items', loaded, sampling, io);
  let out = '';
  for (const item of items) {
    out +=
      JSON.stringify({
        id: item.id,
        benchmark: item.benchmark,
        variant: item.variant,
        question: item.question,
        options: item.options,
        answer: item.answer,
        images: item.images.map((i) => i.path),
        missingImages: item.images.filter((i) => !i.present).map((i) => i.path),
        meta: item.meta,
        tag: item.tag ?? null,
      }) + '\n';
    if (out.length > 1 << 20) {
      io.stdout(out);
      out = '';
    }
  }
  io.stdout(out);
  return 0;
}
