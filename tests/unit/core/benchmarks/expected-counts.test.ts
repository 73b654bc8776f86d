// The protocol's canonical item counts (§1) travel with every load report, and the kept count is compared to them.
import { describe, expect, it } from 'vitest';
import {
  BENCHMARK_CATALOGUE,
  BENCHMARK_IDS,
  describeExpected,
  expectedCount,
  loadBenchmark,
  variantsOf,
} from '../../../../src/core/benchmarks';
import { createFsSource } from '../../../../src/data/fs';
import { formatLoadReport } from '../../../../src/cli/report';
import { describeShared, sharedPath } from '../../../support/shared-datasets';

describe('protocol counts', () => {
  it('states a count (or an explicit null) for every variant of every benchmark', () => {
    for (const id of BENCHMARK_IDS) {
      const table: Readonly<Record<string, unknown>> = BENCHMARK_CATALOGUE[id].expected;
      expect(Object.keys(table).sort(), id).toEqual([...variantsOf(id)].sort());
    }
  });

  it('has the protocol table’s numbers for the default variants', () => {
    expect(expectedCount('vqa-rad', 'yesno')).toEqual({ count: 251 });
    expect(expectedCount('vqa-rad', 'closed')).toEqual({ count: 272 });
    expect(expectedCount('slake', 'closed')).toEqual({ count: 416 });
    expect(expectedCount('pathvqa', 'yesno')).toEqual({ count: 3362 });
    expect(expectedCount('pmc-vqa', 'test_clean')).toEqual({ count: 2000 });
    expect(expectedCount('omnimedvqa', 'open-access')).toEqual({ count: 88_996, approx: true });
    expect(expectedCount('medxpertqa', 'mm')).toEqual({ count: 2000 });
    expect(expectedCount('mmmu-med', 'validation')).toEqual({ count: 145 });
    expect(expectedCount('medxpertqa', 'text')).toBeNull();
  });

  it('says whether a kept count matches, is near an approximate count, or differs', () => {
    expect(describeExpected(251, { count: 251 })).toBe('protocol count 251: matches');
    expect(describeExpected(88_990, { count: 88_996, approx: true })).toContain('within 1%');
    expect(describeExpected(21, { count: 251 })).toContain('differs by -230');
    expect(describeExpected(88_000, { count: 88_996, approx: true })).toContain('differs by -996');
  });
});

describeShared('protocol counts on the shared VQA-RAD sample', () => {
  it('puts the canonical count in the load report and the CLI prints the comparison', async () => {
    const { report } = await loadBenchmark(createFsSource(sharedPath('vqa-rad')), 'vqa-rad');
    expect(report.expected).toEqual({ count: 251 });
    const text = formatLoadReport(report);
    expect(text).toContain(
      report.kept === 251 ? 'protocol count 251: matches' : 'protocol count 251 on the full release',
    );
  });
});
