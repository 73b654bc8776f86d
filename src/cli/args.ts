// Argument parsing shared by the commands: node:util parseArgs, with every mistake turned into a one-line usage error.
import { parseArgs } from 'node:util';
import { usageError } from './io';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export function parseCommandArgs(
  command: string,
  argv: string[],
  options: OptionSpec,
  allowPositionals = false,
): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/\. To specify a positional.*$/, '') : String(e);
    throw usageError(`${command}: ${msg}; run 'medvlm-bench --help' for usage.`);
  }
}

export function requireString(command: string, p: Parsed, name: string): string {
  const v = p.values[name];
  if (typeof v !== 'string' || v === '')
    throw usageError(`${command}: --${name} is required; run 'medvlm-bench --help' for usage.`);
  return v;
}

export function optionalString(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function oneOf<T extends string>(
  command: string,
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`${command}: --${name} must be one of ${allowed.join(', ')} (got '${value}').`);
}
