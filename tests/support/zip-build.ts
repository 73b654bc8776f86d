// Builds zip archives from the shared sample folders at test time, shaped like the official downloads:
// images STORED (as archivers leave JPEG/PNG), text deflated; optionally inside one top-level folder.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type Zippable, zipSync } from 'fflate';

export function filesOf(dir: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split(sep).join('/')] = new Uint8Array(readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

const IMAGE = /\.(jpe?g|png|gif|bmp|tiff?)$/i;

export interface ZipBuildOptions {
  topFolder?: string;
  /** Entries stored uncompressed (default: images). */
  store?: RegExp;
}

export function buildZip(files: Record<string, Uint8Array>, options: ZipBuildOptions = {}): Uint8Array {
  const prefix = options.topFolder === undefined ? '' : `${options.topFolder}/`;
  const store = options.store ?? IMAGE;
  const tree: Zippable = {};
  for (const [path, bytes] of Object.entries(files)) {
    tree[prefix + path] = [bytes, { level: store.test(path) ? 0 : 6 }];
  }
  return zipSync(tree);
}

export function zipFolder(dir: string, options: ZipBuildOptions = {}): Uint8Array {
  return buildZip(filesOf(dir), options);
}
