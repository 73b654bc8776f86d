// `tables --tags <file>` (repeatable): tags files → one TagSet for Tables 2–3 (undefined when none is given).
import { type TagSet, parseTags, tagSetOf } from '../../core/classify';
import type { Parsed } from '../args';
import { readUserFile } from '../files';
import type { CliIO } from '../io';

export async function readTagsOption(p: Parsed, io: CliIO): Promise<TagSet | undefined> {
  const raw = p.values['tags'];
  const names = Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
  if (names.length === 0) return undefined;
  const files = [];
  for (const name of names) files.push(parseTags(await readUserFile(io, name, 'tags file'), name));
  return tagSetOf(files, names);
}
