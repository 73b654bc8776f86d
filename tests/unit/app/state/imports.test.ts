// Imported results files in the app: a damaged file keeps a capped problem list with the full count, and lines
// whose `correct` contradicts their letter and gold are recounted and listed; a large file is streamed.
import { describe, expect, it } from 'vitest';
import { createMemoryKeyValue } from '../../../../src/app/lib/pure/key-value';
import { Imports } from '../../../../src/app/state/imports.svelte';
import { KEPT_PROBLEMS, serializeManifest, serializeResult } from '../../../../src/core/results';
import { summarize } from '../../../../src/core/score';
import { manifest, result } from '../../core/results/make-results';

/** A results file of `n` result lines with this output (and model), after its manifest. */
function resultsText(n: number, output: string, model?: string): string {
  const over = model === undefined ? {} : { model };
  return (
    serializeManifest(manifest(over)) +
    Array.from({ length: n }, (_, i) => serializeResult(result(String(i), { ...over, output }))).join('')
  );
}

/** A picked file that must be streamed (reading it whole fails), in chunks of `chunk` bytes. */
function streamedFile(name: string, text: string, chunk = 65_536) {
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    size: bytes.length,
    text: () => Promise.reject(new Error('read whole')),
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.slice(i, i + chunk));
          c.close();
        },
      }),
  };
}

describe('Imports', () => {
  it('caps the problem list of a file with thousands of bad lines but counts them all', async () => {
    const text =
      serializeManifest(manifest()) +
      serializeResult(result('1')) +
      '{bad\n'.repeat(5000) +
      serializeResult(result('2', { letter: 'A', gold: 'B', correct: true }));
    const imports = new Imports(null);
    await imports.add([{ name: 'big.jsonl', text: () => Promise.resolve(text) }]);
    const f = imports.files[0];
    expect(f?.problemCount).toBe(5000);
    expect(f?.problems).toHaveLength(KEPT_PROBLEMS);
    expect(f?.recounted.total).toBe(1);
    expect(f?.recounted.shown[0]?.message).toContain('letter A vs gold B');
    expect(summarize(imports.runs[0]?.results ?? []).correct).toBe(1);
  });

  it('streams a file larger than the storage limit instead of reading it whole, and says it is memory-only', async () => {
    // odd-sized pieces: two-byte characters split across chunks must decode intact
    const file = streamedFile('large.jsonl', resultsText(12_000, 'é'.repeat(200)), 65_537);
    expect(file.size).toBeGreaterThan(2_000_000);
    const storage = createMemoryKeyValue();
    const imports = new Imports(storage);
    await imports.add([file]);
    expect(imports.files[0]).toMatchObject({ name: 'large.jsonl', runs: 1, results: 12_000, problemCount: 0 });
    expect(imports.runs[0]?.results[5]?.output).toBe('é'.repeat(200));
    expect(imports.persistence).toBe('memory-only');
    expect(storage.entries.size).toBe(0);
  });

  it("offers a streamed file's first lines while the rest is read, says how far it is, and hands the page back", async () => {
    const file = streamedFile('large.jsonl', resultsText(12_000, 'x'.repeat(200)));
    let clock = 0;
    let yields = 0;
    const looks: { results: number; shownRuns: number }[] = [];
    const progress: number[] = [];
    const imports: Imports = new Imports(null, {
      now: () => (clock += 15), // every clock read is 15 ms later: a yield every few chunks
      nextTask: async () => {
        yields += 1;
        if (imports.progress !== null) progress.push(imports.progress.bytes);
      },
      afterPaint: async () => {
        // What the page paints: the first lines only, as a run of their own; the tables' runs are untouched.
        looks.push({ results: imports.reading[0]?.results.length ?? 0, shownRuns: imports.runs.length });
      },
    });
    await imports.add([file]);
    expect(looks).toHaveLength(1);
    expect(looks[0]?.results).toBeGreaterThan(100);
    expect(looks[0]?.results).toBeLessThan(12_000);
    expect(looks[0]?.shownRuns).toBe(0);
    expect(yields).toBeGreaterThan(5);
    // Progress only grows, and never past the file.
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((b, i) => b >= (progress[i - 1] ?? 0) && b <= file.size)).toBe(true);
    // Once read: the whole run in the tables' runs, nothing partial left.
    expect(imports.reading).toEqual([]);
    expect(imports.progress).toBeNull();
    expect(imports.runs[0]?.results).toHaveLength(12_000);
  });

  it('keeps the runs of a large file read whole listed while the next one picked with it is read', async () => {
    const large = (model: string) => streamedFile(`${model}.jsonl`, resultsText(4000, 'z'.repeat(500), model));
    const looks: [string, number][][] = [];
    const imports: Imports = new Imports(null, {
      now: () => 0,
      nextTask: async () => {},
      afterPaint: async () => {
        looks.push(imports.reading.map((r) => [r.manifest.model, r.results.length]));
      },
    });
    await imports.add([large('qwen2.5-vl-3b'), large('lingshu-7b')]);
    expect(looks).toHaveLength(2);
    expect(looks[1]?.[0]).toEqual(['qwen2.5-vl-3b', 4000]);
    expect(looks[1]?.[1]?.[0]).toBe('lingshu-7b');
    expect(looks[1]?.[1]?.[1]).toBeLessThan(4000);
    expect(imports.runs.map((r) => r.results.length)).toEqual([4000, 4000]);
  });

  it('clears the partial run when a streamed file fails halfway', async () => {
    const head = new TextEncoder().encode(resultsText(12_000, 'y'.repeat(200)));
    let sent = 0;
    const file = {
      name: 'broken.jsonl',
      size: head.length,
      text: () => Promise.reject(new Error('read whole')),
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull(c) {
            if (sent >= 1_000_000) {
              c.error(new Error('the file was moved'));
              return;
            }
            c.enqueue(head.slice(sent, sent + 65_536));
            sent += 65_536;
          },
        }),
    };
    const imports = new Imports(null);
    await expect(imports.add([file])).rejects.toThrow('the file was moved');
    expect(imports.reading).toEqual([]);
    expect(imports.progress).toBeNull();
    expect(imports.files).toEqual([]);
  });
});
