// What the user gave the page, as a structured-cloneable value (a URL, picked or dropped files, a picked folder's
// handle, a picked .zip File): it crosses to the data worker, which builds the source there, and the page builds
// the same source from it again to read images (a Blob/handle/URL reopened is cheap; only the listing repeats).
import type { DatasetSource } from '../core/ports';
import {
  createDirectoryHandleSource,
  createFileListSource,
  type DirectoryHandleLike,
  type PathedFile,
} from './browser-files';
import { cachedRangeFetch } from './cached-fetch';
import { createBlobReader } from './range-reader';
import { createUrlSource } from './url-source';
import { createZipSource, type ZipSourceOptions } from './zip';

export type SourceSpec =
  /** `cache`: a Cache Storage name that keeps the ranges read (cached-fetch.ts); absent, nothing is kept. */
  | { kind: 'url'; url: string; cache?: string }
  | { kind: 'files'; name: string; files: PathedFile[] }
  | { kind: 'directory'; handle: DirectoryHandleLike }
  | { kind: 'zip'; file: File };

/** The source a spec names; nothing is read until it is listed. `zip` applies where the spec is a zip archive. */
export function openSource(spec: SourceSpec, zip: ZipSourceOptions = {}): DatasetSource {
  switch (spec.kind) {
    case 'url':
      return createUrlSource(
        spec.url,
        spec.cache === undefined ? {} : { fetchImpl: cachedRangeFetch(spec.cache) },
        zip,
      );
    case 'files':
      return createFileListSource(spec.files, spec.name);
    case 'directory':
      return createDirectoryHandleSource(spec.handle);
    case 'zip':
      return createZipSource(createBlobReader(spec.file), zip);
  }
}

/** Where the data came from, in the user's words. */
export function describeSpec(spec: SourceSpec): string {
  switch (spec.kind) {
    case 'url':
      return spec.url;
    case 'files':
      return `${spec.files.length} files dropped or picked (${spec.name})`;
    case 'directory':
      return `folder ${spec.handle.name}`;
    case 'zip':
      return `zip file ${spec.file.name}`;
  }
}
