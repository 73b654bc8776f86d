// Random access, measured: listing the items of a multi-GB archive reads its central directory and the
// question files, not the images. The archives are virtual (tests/support/virtual-zip.ts): nothing is written.
import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../src/core/benchmarks';
import { createZipSource } from '../../../src/data/zip';
import { type VirtualEntry, createVirtualZip, patternByte } from '../../support/virtual-zip';

const MiB = 1 << 20;

/** An OmniMedVQA-shaped archive: one top folder, question files, and `images` STORED images of `imageBytes` each. */
function omniArchive(images: number, imageBytes: number): VirtualEntry[] {
  const perFile = 500;
  const entries: VirtualEntry[] = [];
  for (let f = 0; f * perFile < images; f++) {
    const records = [];
    for (let i = f * perFile; i < Math.min(images, (f + 1) * perFile); i++) {
      records.push({
        dataset: `Synth${f}`,
        question_id: `Synth_${i}`,
        question_type: 'Modality Recognition',
        question: `What modality is image ${i}?`,
        gt_answer: 'CT',
        image_path: `Images/Synth${f}/img_${String(i).padStart(6, '0')}.jpg`,
        option_A: 'CT',
        option_B: 'MRI',
        option_C: 'X-Ray',
        modality_type: 'CT(Computed Tomography)',
      });
    }
    const json = new TextEncoder().encode(JSON.stringify(records, null, 2));
    entries.push({ name: `OmniMedVQA/QA_information/Open-access/Synth${f}.json`, bytes: json });
  }
  for (let i = 0; i < images; i++) {
    const f = Math.floor(i / perFile);
    entries.push({ name: `OmniMedVQA/Images/Synth${f}/img_${String(i).padStart(6, '0')}.jpg`, size: imageBytes });
  }
  return entries;
}

describe('zip source on multi-GB archives (virtual, counted)', () => {
  it('lists the items of a 2 GB zip reading under 50 MB', async () => {
    const zip = createVirtualZip(omniArchive(2000, MiB), 'omnimedvqa-2gb.zip');
    expect(zip.totalSize).toBeGreaterThan(2e9);
    expect(zip.zip64).toBe(false);
    const { items, report } = await loadBenchmark(createZipSource(zip), 'omnimedvqa');
    expect(report.kept).toBe(2000);
    expect(report.missingImages).toBe(0);
    expect(items[1999]?.images[0]?.path).toBe('Images/Synth3/img_001999.jpg');
    console.log(`BENCH zip_2gb_list_items_bytes_read ${zip.bytesRead} (of ${zip.totalSize})`);
    expect(zip.bytesRead).toBeLessThan(50 * MiB);
  });

  it('reads a Zip64 archive past 4 GiB: items listed, the last image read in place with its own bytes', async () => {
    const zip = createVirtualZip(omniArchive(4200, MiB), 'omnimedvqa-zip64.zip');
    expect(zip.totalSize).toBeGreaterThan(2 ** 32);
    expect(zip.zip64).toBe(true);
    const source = createZipSource(zip);
    const { report, items } = await loadBenchmark(source, 'omnimedvqa');
    expect(report.kept).toBe(4200);
    const last = items[4199]?.images[0]?.path ?? '';
    expect(await source.size(last)).toBe(MiB);
    const before = zip.bytesRead;
    const tail = await source.readRange(last, MiB - 16, MiB);
    expect(Array.from(tail)).toEqual(Array.from({ length: 16 }, (_, k) => patternByte(MiB - 16 + k)));
    // The range costs its 16 bytes plus one local header (30 bytes) — never the entry.
    expect(zip.bytesRead - before).toBeLessThanOrEqual(16 + 30);
    expect(zip.bytesRead).toBeLessThan(50 * MiB);
  });
});
