// The error catalogue: every code the code base makes is in ERROR_CODES (checked here by scanning the sources, as
// the compiler cannot see a code built at run time), every catalogued code is used, and only catalogued codes pass
// as EvalErrors.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_DOMAINS, EvalError, errorDomain, isErrorCode, isEvalError } from '../../../src/core/errors';
import { REPO_ROOT } from '../../support/shared-datasets';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

const SOURCES = ['src', 'workers'].flatMap((d) => sourceFiles(join(REPO_ROOT, d)));
const DOMAINS = ERROR_DOMAINS.join('|');
/** A quoted code: 'backend/auth', "store/write", `config/usage`. */
const CODE_LITERAL = new RegExp(`['"\`]((?:${DOMAINS})/[a-z0-9-]+)['"\`]`, 'g');
/** A code put together at run time: `backend/http-${status}`. */
const BUILT_CODE = new RegExp(`\`(?:${DOMAINS})/[^\`]*\\$\\{`);

describe('error catalogue', () => {
  it('has codes of the five domains, each with a one-line meaning, frozen', () => {
    expect(ERROR_DOMAINS).toEqual(['dataset', 'backend', 'config', 'run', 'store']);
    expect(Object.isFrozen(ERROR_CODES)).toBe(true);
    for (const [code, meaning] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(new RegExp(`^(${DOMAINS})/[a-z0-9]+(-[a-z0-9]+)*$`));
      expect(meaning.trim().length, code).toBeGreaterThan(10);
      expect(meaning, code).not.toContain('\n');
    }
  });

  it('holds every code written in src/ and workers/, and none is built at run time', () => {
    expect(SOURCES.length).toBeGreaterThan(100);
    const unknown: string[] = [];
    const built: string[] = [];
    for (const file of SOURCES) {
      const text = readFileSync(file, 'utf8');
      const where = relative(REPO_ROOT, file);
      for (const m of text.matchAll(CODE_LITERAL)) {
        const code = m[1] ?? '';
        if (!isErrorCode(code)) unknown.push(`${where}: ${code}`);
      }
      if (BUILT_CODE.test(text)) built.push(where);
    }
    expect(unknown).toEqual([]);
    expect(built).toEqual([]);
  });

  it('has no code that src/ and workers/ never use', () => {
    // errors.ts itself lists every code: count the uses elsewhere
    const used = new Set<string>();
    for (const file of SOURCES.filter((f) => !f.endsWith(join('core', 'errors.ts'))))
      for (const m of readFileSync(file, 'utf8').matchAll(CODE_LITERAL)) used.add(m[1] ?? '');
    expect(Object.keys(ERROR_CODES).filter((c) => !used.has(c))).toEqual([]);
  });

  it('keeps one name for each of the pairs that had drifted apart', () => {
    for (const gone of ['backend/image-missing', 'store/lock', 'backend/not-initialised'])
      expect(isErrorCode(gone)).toBe(false);
    for (const kept of ['dataset/missing-image', 'store/locked', 'backend/not-loaded'])
      expect(isErrorCode(kept)).toBe(true);
  });

  it('isEvalError accepts catalogued codes only, from an EvalError or a plain copy', () => {
    expect(isEvalError(new EvalError('store/write', 'disk full'))).toBe(true);
    expect(isEvalError({ code: 'backend/auth', message: 'give the key' })).toBe(true);
    expect(isEvalError({ code: 'backend/made-up', message: 'x' })).toBe(false);
    expect(isEvalError({ code: 'network/down', message: 'x' })).toBe(false);
    expect(isEvalError({ code: 'backend/auth' })).toBe(false);
    expect(isEvalError({ code: 42, message: 'x' })).toBe(false);
    expect(isEvalError('backend/auth')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('__proto__')).toBe(false);
  });

  it('names the domain of a code', () => {
    expect(errorDomain('config/usage')).toBe('config');
    expect(errorDomain('dataset/missing-image')).toBe('dataset');
    expect(errorDomain('store/locked')).toBe('store');
  });
});
