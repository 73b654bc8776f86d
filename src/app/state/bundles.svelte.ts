// Result bundles: chosen runs exported as one zip, many bundles (or a dropped folder of them) imported at once into
// the imports (which merge them into the tables and explain every conflict), and a predictions file scored in the
// browser against a loaded benchmark and added as an import.
import { BENCHMARK_CATALOGUE } from '../../core/benchmarks/catalogue';
import { hashDataFiles, hashItemIds } from '../../core/hash';
import { parsePredictionsJsonl } from '../../core/results';
import type { ResultRun } from '../../core/results';
import type { DatasetSource } from '../../core/ports';
import type { BenchmarkId, LoadResult } from '../../core/types';
import { downloadBlob } from '../lib/dom/download';
import { buildBundle, runJsonl, unpackBundles } from '../lib/pure/bundle';
import type { DroppedFile } from '../lib/pure/bundle';
import { describeError } from '../lib/pure/errors';
import { modelFromFileName, scorePredictions } from '../lib/pure/score-predictions';
import { benchChoices } from './benchmarks.svelte';
import { imports } from './imports.svelte';
import type { TextFile } from './imports.svelte';

export interface BundlesDeps {
  addImports(files: TextFile[]): Promise<void>;
  /**
   * A loaded benchmark by its entry (demo slice or loaded dataset): every kept item (read back from the data worker
   * that holds a loaded dataset's) and where its files are read; null when it is not loaded.
   */
  loaded(entry: string): Promise<{ result: LoadResult; source: DatasetSource | null } | null>;
  save(fileName: string, blob: Blob): void;
  now(): string;
}

const asTextFile = (name: string, text: string): TextFile => ({ name, text: () => Promise.resolve(text) });

export class Bundles {
  busy = $state(false);
  error = $state<string | null>(null);
  /** What the last action did, in one line (or the files it skipped and why). */
  message = $state<string | null>(null);
  skipped = $state.raw<string[]>([]);

  constructor(private readonly deps: BundlesDeps) {}

  exportRuns(runs: readonly ResultRun[]): void {
    if (runs.length === 0) {
      this.error = 'Tick at least one run to export.';
      return;
    }
    try {
      const at = this.deps.now();
      const bytes = buildBundle(runs, at);
      this.deps.save(
        `medvlm-bundle-${at.slice(0, 19).replace(/[:T]/g, '-')}.zip`,
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
      );
      this.error = null;
      this.message = `Exported ${runs.length} run(s) in one bundle.`;
    } catch (e) {
      this.error = describeError(e);
    }
  }

  /** Bundles (.zip) and results files, e.g. a dropped folder of participants' bundles. */
  async importFiles(files: readonly DroppedFile[]): Promise<void> {
    this.busy = true;
    try {
      const { texts, skipped } = unpackBundles(files);
      this.skipped = skipped;
      if (texts.length > 0) await this.deps.addImports(texts.map((t) => asTextFile(t.name, t.text)));
      this.error = texts.length === 0 ? 'Nothing to import: drop bundles (.zip) or results files (.jsonl).' : null;
      this.message = `Imported ${texts.length} results file(s) from ${files.length} dropped file(s).`;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.busy = false;
    }
  }

  /** Scores a predictions file against a loaded benchmark and adds the scored run as an import. */
  async importPredictions(fileName: string, text: string, entry: string, model: string): Promise<void> {
    this.busy = true;
    try {
      const target = await this.deps.loaded(entry);
      if (target === null) throw new Error('Load the benchmark first (Benchmarks page), then score the predictions.');
      const parsed = parsePredictionsJsonl(text, fileName);
      if (parsed.predictions.length === 0)
        throw new Error(
          `${fileName}: no predictions (${parsed.problems[0]?.message ?? 'empty'}); expected {"id","output"} lines.`,
        );
      const { report, items } = target.result;
      const benchmark: BenchmarkId = report.benchmark;
      const scored = scorePredictions(
        parsed.predictions,
        {
          benchmark,
          benchmarkVersion: BENCHMARK_CATALOGUE[benchmark].version,
          variant: report.variant,
          items,
          dataHash: target.source === null ? 'unknown' : await hashDataFiles(target.source, report.files),
          itemIdsHash: await hashItemIds(items.map((i) => i.id)),
        },
        model.trim() === '' ? modelFromFileName(fileName) : model.trim(),
        this.deps.now(),
      );
      const name = `scored-${modelFromFileName(fileName)}-${benchmark}-${report.variant}.jsonl`;
      await this.deps.addImports([asTextFile(name, runJsonl(scored.run))]);
      this.skipped = parsed.problems.slice(0, 20).map((p) => `${fileName} line ${p.line}: ${p.message}`);
      this.message =
        `Scored ${scored.run.results.length} prediction(s) on ${benchmark} (${report.variant})` +
        (scored.missing > 0 ? `; ${scored.missing} item(s) had no prediction and are not scored` : '') +
        (scored.unknown > 0 ? `; ${scored.unknown} prediction(s) name no item of this benchmark (ignored)` : '') +
        '.';
      this.error = null;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.busy = false;
    }
  }
}

export const bundles = new Bundles({
  addImports: (files) => imports.add(files),
  loaded: async (entry) => {
    const result = await benchChoices.resultOf(entry);
    return result === null ? null : { result, source: benchChoices.sourceOf(entry) };
  },
  save: downloadBlob,
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
  now: () => new Date().toISOString(),
});
