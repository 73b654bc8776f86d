// Test helpers for the benchmark adapters: raw-file access that does NOT go through the adapters' code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Item, LoadResult } from '../../../../src/core/types';
import { sharedPath } from '../../../support/shared-datasets';

export function readSharedJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(sharedPath(...parts), 'utf8')) as unknown;
}

export function readSharedLines(...parts: string[]): Record<string, unknown>[] {
  return readFileSync(sharedPath(...parts), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function sharedExists(folder: string, relPath: string): boolean {
  return existsSync(join(sharedPath(folder), relPath));
}

/** Invariants every load report must satisfy, whatever the benchmark. */
export function expectConsistentReport(result: LoadResult): void {
  const r = result.report;
  const fileLevel = r.exclusions.filter((e) => e.index === -1).length;
  expect(r.kept).toBe(result.items.length);
  expect(r.excluded).toBe(r.exclusions.length);
  expect(r.records).toBe(r.filtered + r.kept + r.excluded - fileLevel);
  expect(Object.values(r.excludedByReason).reduce((a, b) => a + b, 0)).toBe(r.excluded);
  expect(r.missingImages).toBe(result.items.filter((i) => i.images.some((im) => !im.present)).length);
  expect(new Set(result.items.map((i) => i.id)).size).toBe(result.items.length);
  for (const item of result.items) expectWellFormed(item, r.variant);
}

export function expectWellFormed(item: Item, variant: string): void {
  expect(item.variant).toBe(variant);
  expect(item.options.length).toBeGreaterThanOrEqual(2);
  expect(item.options.map((o) => o.letter).join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(0, item.options.length));
  expect(item.options.map((o) => o.letter)).toContain(item.answer);
  expect(item.question).toBe(item.question.trim());
  expect(item.question.length).toBeGreaterThan(0);
  for (const o of item.options) expect(o.text).toBe(o.text.trim());
}

/** Reasons tallied by code ("code: detail" → code), computed from the exclusion list. */
export function reasonCodes(result: LoadResult): string[] {
  return result.report.exclusions.map((e) => e.reason.split(':')[0] ?? '');
}
