// Accumulates one load: kept items, filtered and excluded records, image presence — then the LoadReport.
// Exclusion reasons read "code: detail"; excludedByReason counts by code so the tally stays small.
import type { BenchmarkId, Exclusion, ImageRef, Item, LoadResult } from '../types';
import { type RawRecord, isProblem, isRecord, readText } from './fields';

export class LoadCollector {
  readonly items: Item[] = [];
  private readonly exclusions: Exclusion[] = [];
  private readonly byReason: Record<string, number> = {};
  private readonly ids = new Set<string>();
  private readonly files: string[] = [];
  private records = 0;
  private filtered = 0;
  private missingImages = 0;

  constructor(
    readonly benchmark: BenchmarkId,
    readonly variant: string,
    /** Every file under the source root, listed once per load. */
    private readonly present: ReadonlySet<string>,
  ) {}

  addFile(path: string): void {
    this.files.push(path);
  }

  countRecords(n: number): void {
    this.records += n;
  }

  /** A record (or `n` records) outside the split or filter: counted, not an error. */
  filter(n = 1): void {
    this.filtered += n;
  }

  /** A bad record, skipped. `code` is the tally key; `detail` says what exactly was wrong. */
  exclude(file: string, index: number, field: string, code: string, detail?: string): void {
    this.exclusions.push({ file, index, field, reason: detail ? `${code}: ${detail}` : code });
    this.byReason[code] = (this.byReason[code] ?? 0) + 1;
  }

  /** The record as an object, or null after excluding it (a number, string or list where a record belongs). */
  record(file: string, index: number, value: unknown): RawRecord | null {
    if (isRecord(value)) return value;
    this.exclude(
      file,
      index,
      '',
      'not-a-record',
      `expected an object, got ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
    return null;
  }

  /** A required text field, or null after excluding the record (missing, "NULL", blank, wrong type). */
  need(file: string, index: number, record: RawRecord, field: string): string | null {
    const text = readText(record, field);
    if (!isProblem(text)) return text;
    this.exclude(
      file,
      index,
      field,
      text,
      text === 'bad-type' ? `'${field}' is ${typeof record[field]}` : `'${field}' is absent or empty`,
    );
    return null;
  }

  /** A file-backed image; presence comes from the one listing, never a call per item. */
  image(path: string): ImageRef {
    return { path, present: this.present.has(path) };
  }

  has(path: string): boolean {
    return this.present.has(path);
  }

  /** Keeps an item unless its id was already kept (then it is an exclusion). */
  keep(file: string, index: number, item: Item): void {
    // One hash lookup, not has() then add(): a load keeps up to ~90k items.
    const known = this.ids.size;
    this.ids.add(item.id);
    if (this.ids.size === known) {
      this.exclude(file, index, 'id', 'duplicate-id', `id '${item.id}' already used by an earlier record`);
      return;
    }
    for (const image of item.images) {
      if (!image.present) {
        this.missingImages++;
        break;
      }
    }
    this.items.push(item);
  }

  finish(format: string): LoadResult {
    return {
      items: this.items,
      report: {
        benchmark: this.benchmark,
        variant: this.variant,
        files: this.files,
        records: this.records,
        filtered: this.filtered,
        kept: this.items.length,
        excluded: this.exclusions.length,
        excludedByReason: this.byReason,
        exclusions: this.exclusions,
        missingImages: this.missingImages,
        format,
      },
    };
  }
}
