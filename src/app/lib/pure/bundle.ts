// Result bundles for workshops: chosen runs as one zip (one results JSONL per run + SUMMARY.md), and the reverse —
// many dropped bundles and loose .jsonl files turned into named texts for the imports, each file named after the
// bundle it came from, so thirty participants' identically named files never replace each other.
import { unzipSync, zipSync, strToU8, strFromU8 } from 'fflate';
import { findModel } from '../../../core/models/registry';
import { serializeManifest, serializeResult } from '../../../core/results';
import type { ResultRun } from '../../../core/results';
import { summarize } from '../../../core/score';

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_');

/** The results file name of a run inside a bundle (unique within the bundle). */
export function bundleFileName(run: ResultRun, taken: ReadonlySet<string>): string {
  const m = run.manifest;
  const stem = `${safe(m.model)}-${safe(m.benchmark)}-${safe(m.variant)}-${safe(m.backend)}`;
  let name = `${stem}.jsonl`;
  for (let i = 2; taken.has(name); i++) name = `${stem}-${i}.jsonl`;
  return name;
}

export function runJsonl(run: ResultRun): string {
  return serializeManifest(run.manifest) + run.results.map(serializeResult).join('');
}

/** SUMMARY.md: one table row per run with its accuracy, errors and where it ran. */
export function bundleSummary(runs: readonly { file: string; run: ResultRun }[], createdAt: string): string {
  const lines = [
    '# MedVLM Bench result bundle',
    '',
    `Created ${createdAt}. Import the whole .zip on the Tables page of MedVLM Bench (or each .jsonl with the CLI:`,
    '`medvlm-bench tables <files…>`).',
    '',
    '| file | model | benchmark | variant | backend | items | accuracy | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { file, run } of runs) {
    const m = run.manifest;
    const s = summarize(run.results);
    const model = findModel(m.model)?.label ?? m.model;
    lines.push(
      `| ${file} | ${model} | ${m.benchmark} | ${m.variant} | ${m.backend} | ${s.n} | ${s.accuracy.toFixed(4)} | ${s.errors} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The zip's bytes: every run's results file and SUMMARY.md. */
export function buildBundle(runs: readonly ResultRun[], createdAt: string): Uint8Array {
  const taken = new Set<string>();
  const files: Record<string, Uint8Array> = {};
  const listed: { file: string; run: ResultRun }[] = [];
  for (const run of runs) {
    const file = bundleFileName(run, taken);
    taken.add(file);
    files[file] = strToU8(runJsonl(run));
    listed.push({ file, run });
  }
  files['SUMMARY.md'] = strToU8(bundleSummary(listed, createdAt));
  return zipSync(files, { level: 6 });
}

export interface DroppedFile {
  /** The name (or path within a dropped folder) the user gave. */
  name: string;
  bytes: Uint8Array;
}

export interface UnpackedBundles {
  /** Results texts for the imports, named "<bundle>/<file>" when they came from a zip. */
  texts: { name: string; text: string }[];
  /** Files skipped, and why (each says what to do). */
  skipped: string[];
}

const isZip = (b: Uint8Array): boolean =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export function unpackBundles(files: readonly DroppedFile[]): UnpackedBundles {
  const texts: { name: string; text: string }[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    if (isZip(f.bytes)) {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(f.bytes);
      } catch (e) {
        skipped.push(`${f.name}: not a readable zip (${String(e)}); export the bundle again`);
        continue;
      }
      const jsonl = Object.keys(entries)
        .filter((n) => n.toLowerCase().endsWith('.jsonl'))
        .sort();
      if (jsonl.length === 0) skipped.push(`${f.name}: a zip with no .jsonl results file inside`);
      for (const n of jsonl) {
        const bytes = entries[n];
        if (bytes !== undefined) texts.push({ name: `${f.name}/${n}`, text: strFromU8(bytes) });
      }
    } else if (/\.(jsonl|json|ndjson)$/i.test(f.name)) {
      texts.push({ name: f.name, text: strFromU8(f.bytes) });
    } else if (!/(^|\/)(SUMMARY\.md|\.DS_Store|Thumbs\.db)$/i.test(f.name)) {
      skipped.push(`${f.name}: neither a bundle (.zip) nor a results file (.jsonl); left out`);
    }
  }
  return { texts, skipped };
}
