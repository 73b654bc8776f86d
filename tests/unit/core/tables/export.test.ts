import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ResultRun } from '../../../../src/core/results';
import {
  CSV_HEADER,
  PAPER_TABLES,
  TABLE_FORMAT_VERSION,
  assembleTable,
  escapeLatex,
  quoteCsv,
  toCsv,
  toJson,
  toLatex,
  toMarkdown,
} from '../../../../src/core/tables';
import { manifest, result } from '../results/make-results';

const WEIRD = 'lab "x", v2_50%';

/** 10 VQA-RAD items for Qwen2.5-VL-7B, 7 correct (one of the 3 wrong is a failed generation); 4 SLAKE items for an unknown model. */
function fixtureRuns(): ResultRun[] {
  const qwen: ResultRun = {
    manifest: manifest({ model: 'qwen2.5-vl-7b' }),
    results: Array.from({ length: 10 }, (_, i) =>
      result(`q${i}`, {
        model: 'qwen2.5-vl-7b',
        correct: i < 7,
        ...(i === 9 ? { error: { code: 'backend/timeout', message: 't' }, status: 'no_answer' as const } : {}),
        ...(i === 8 ? { status: 'ambiguous' as const, letter: null } : {}),
      }),
    ),
  };
  const weird: ResultRun = {
    manifest: manifest({ model: WEIRD, benchmark: 'slake' }),
    results: Array.from({ length: 4 }, (_, i) =>
      result(`s${i}`, { model: WEIRD, benchmark: 'slake', correct: i === 0 }),
    ),
  };
  return [qwen, weird];
}

function wilsonRoots(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const ph = k / n;
  const a = 1 + (z * z) / n;
  const b = -(2 * ph + (z * z) / n);
  const disc = Math.sqrt(b * b - 4 * a * ph * ph);
  return [(-b - disc) / (2 * a), (-b + disc) / (2 * a)];
}

const PAPER_7B_VQARAD = PAPER_TABLES[1].find((p) => p.model === 'qwen2.5-vl-7b')?.values['vqa-rad'] ?? Number.NaN;

describe('toCsv', () => {
  const table = assembleTable(1, fixtureRuns(), { paper: true });
  const csv = toCsv(table);
  const parsed = Papa.parse<string[]>(csv.replace(/\r\n$/, ''), { newline: '\r\n' });

  it('writes CRLF records: the header plus one record per non-empty cell', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual([...CSV_HEADER]);
    // 10 paper rows × 7 columns + 1 measured Qwen cell + 1 measured SLAKE cell.
    expect(parsed.data).toHaveLength(1 + 70 + 2);
    for (const rec of parsed.data) expect(rec).toHaveLength(CSV_HEADER.length);
  });

  it('writes the exact cells of a measured record', () => {
    const rec = parsed.data.find((r) => r[2] === 'qwen2.5-vl-7b' && r[4] === 'measured');
    const [lo, hi] = wilsonRoots(7, 10);
    expect(rec).toEqual([
      '1',
      'General-purpose VLMs',
      'qwen2.5-vl-7b',
      'Qwen2.5-VL-7B-Instruct',
      'measured',
      'vqa-rad',
      'VQA-RAD',
      'default',
      '0.7000',
      '10',
      '7',
      lo.toFixed(4),
      hi.toFixed(4),
      PAPER_7B_VQARAD.toFixed(4),
      (0.7 - PAPER_7B_VQARAD).toFixed(4),
      '0.1000', // one ambiguous among 10; the failed generation is not a parse failure
      '1',
      '0',
      '4',
      '', // not a sample: sample_n, sample_seed, sample_population empty
      '',
      '',
    ]);
  });

  it('quotes fields with commas and quotes per RFC 4180 and they read back intact', () => {
    expect(csv).toContain(`,"${WEIRD.replace(/"/g, '""')}",`);
    const rec = parsed.data.find((r) => r[4] === 'measured' && r[5] === 'slake');
    expect(rec?.slice(1, 4)).toEqual(['Other', WEIRD, WEIRD]);
    expect(quoteCsv('plain')).toBe('plain');
    expect(quoteCsv('a\nb')).toBe('"a\nb"');
    expect(quoteCsv('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('toMarkdown', () => {
  it('has one line per header, separator, group and row, with measured value ± half-interval and Δ', () => {
    const table = assembleTable(1, fixtureRuns(), { paper: true });
    const md = toMarkdown(table);
    const tableLines = md.split('\n').filter((l) => l.startsWith('|'));
    // header + separator + 3 group lines + 10 paper rows + 2 measured rows
    expect(tableLines).toHaveLength(2 + 3 + 10 + 2);
    for (const l of tableLines) expect(l.match(/(?<!\\)\|/g)).toHaveLength(9);
    const qwen = tableLines.find((l) => l.startsWith('| Qwen2.5-VL-7B-Instruct |'));
    const [lo, hi] = wilsonRoots(7, 10);
    const delta = 0.7 - PAPER_7B_VQARAD;
    expect(qwen?.endsWith(`| 0.7000 ±${((hi - lo) / 2).toFixed(3)} (Δ +${delta.toFixed(3)}) |`)).toBe(true);
    expect(tableLines.filter((l) => l.includes('*(paper)*'))).toHaveLength(10);
    expect(md).toContain('| Huatuo-GPT-Vision-32E *(paper)* |');
    expect(md).toContain('lab "x", v2\\_50%');
  });

  it('bolds exactly the highest value of each column and prints — for empty cells', () => {
    const md = toMarkdown(assembleTable(1, fixtureRuns(), { paper: true }));
    const bold = [...md.matchAll(/\*\*(0\.\d{4})\*\*/g)].map((m) => m[1]);
    const maxima = ['medxpertqa', 'omnimedvqa', 'pmc-vqa', 'pathvqa', 'mmmu-med', 'slake', 'vqa-rad'].map((b) =>
      Math.max(...PAPER_TABLES[1].map((p) => p.values[b as 'slake'])).toFixed(4),
    );
    expect(bold.sort()).toEqual(maxima.sort());
    expect(md).toContain('| — |');
  });

  it('lists the notes under the table', () => {
    const table = assembleTable(2, fixtureRuns());
    const md = toMarkdown(table);
    expect(table.notes.length).toBeGreaterThan(0);
    for (const n of table.notes) expect(md).toContain(`- ${n}`);
  });
});

describe('toLatex', () => {
  it('escapes every LaTeX special character', () => {
    expect(escapeLatex('a_b&c%d$e#f{g}h~i^j\\k')).toBe(
      'a\\_b\\&c\\%d\\$e\\#f\\{g\\}h\\textasciitilde{}i\\textasciicircum{}j\\textbackslash{}k',
    );
  });

  it('writes a booktabs tabular with shading, escaped labels and one row per model row', () => {
    const table = assembleTable(1, fixtureRuns(), { paper: true });
    const tex = toLatex(table);
    expect(tex).toContain('\\begin{tabular}{lccccccc}');
    for (const rule of ['\\toprule', '\\bottomrule']) expect(tex.split(rule)).toHaveLength(2);
    expect(tex.split('\\midrule')).toHaveLength(1 + 3);
    expect(tex).toContain('\\caption{Accuracy on all items}');
    const rows = tex
      .split('\n')
      .filter((l) => l.endsWith(' \\\\') && !l.startsWith('\\multicolumn') && !l.startsWith('Model &'));
    expect(rows).toHaveLength(12);
    expect(tex).toContain('lab "x", v2\\_50\\%');
    expect(tex).toContain('\\textit{Huatuo-GPT-Vision-32E (paper)}');
    const shaded = table.groups
      .flatMap((g) => g.rows)
      .flatMap((r) => Object.values(r.cells))
      .filter((c) => c !== null && c.shade > 0);
    expect(tex.match(/\\cellcolor\{orange!\d+\}/g)).toHaveLength(shaded.length);
    expect(tex).toMatch(
      /\\cellcolor\{orange!45\}0\.7000\{\\scriptsize\$\\pm\$0\.\d{3}\} \{\\scriptsize\(\$\\Delta\$\+0\.\d{3}\)\}/,
    );
  });
});

describe('toJson', () => {
  it('is versioned, key-sorted, byte-stable and reads back to the same table', () => {
    const a = toJson(assembleTable(3, fixtureRuns(), { paper: true }));
    const b = toJson(assembleTable(3, fixtureRuns(), { paper: true }));
    expect(a).toBe(b);
    const parsed = JSON.parse(a) as { format: string; version: number; table: unknown };
    expect(Object.keys(parsed)).toEqual(['format', 'table', 'version']);
    expect(parsed.version).toBe(TABLE_FORMAT_VERSION);
    expect(parsed.format).toBe('medvlm-bench/table');
    expect(parsed.table).toEqual(JSON.parse(JSON.stringify(assembleTable(3, fixtureRuns(), { paper: true }))));
  });
});
