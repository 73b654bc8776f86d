// A small dataset in VQA-RAD's official raw shape (OSF JSON + image folder), generated into a temp dir, plus the
// scripted "model" answers for it. Every question names its qid ("Case 17: …") so the test server can tell items apart.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export interface RadRecord {
  qid: number;
  answer: string;
  test: boolean;
}

export interface RadFixture {
  dir: string;
  /** Test-split yes/no records: the items a run evaluates. */
  items: RadRecord[];
}

/** Item key of a prompt built from this fixture. */
export const caseOf = (promptText: string): string => /Case (\d+):/.exec(promptText)?.[1] ?? '?';

/** The scripted model answers right for qids divisible by 3 or 5, wrong otherwise. */
export function scriptedAnswer(r: RadRecord): 'yes' | 'no' {
  const right = r.qid % 3 === 0 || r.qid % 5 === 0;
  const gold = r.answer.toLowerCase() === 'yes' ? 'yes' : 'no';
  return right ? gold : gold === 'yes' ? 'no' : 'yes';
}

export async function writeRadFixture(testItems = 40): Promise<RadFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'medvlm-rad-'));
  const imageDir = join(dir, 'VQA_RAD Image Folder');
  await mkdir(imageDir, { recursive: true });
  const imageCount = Math.ceil(testItems / 2);
  for (let k = 0; k < imageCount; k++) {
    const img = sharp({
      create: { width: 12 + k, height: 10, channels: 3, background: { r: (k * 37) % 256, g: 90, b: 160 } },
    });
    await writeFile(
      join(imageDir, `synpic${1000 + k}.jpg`),
      k % 4 === 3 ? await img.png().toBuffer() : await img.jpeg().toBuffer(),
    );
  }
  const records: Record<string, unknown>[] = [];
  const items: RadRecord[] = [];
  for (let i = 0; i < testItems + 6; i++) {
    const qid = 100 + i;
    const test = i < testItems;
    const answer = i % 2 === 0 ? 'Yes' : 'no';
    if (test) items.push({ qid, answer, test });
    records.push({
      // like the real file, qid is a number and answers vary in case
      qid,
      phrase_type: test ? (i % 3 === 0 ? 'test_para' : 'test_freeform') : 'freeform',
      qid_linked_id: `linked-${qid}`,
      image_case_url: `https://medpix.nlm.nih.gov/case?id=${qid}`,
      image_name: `synpic${1000 + (i % imageCount)}.jpg`,
      image_organ: i % 2 === 0 ? 'CHEST' : 'HEAD',
      evaluation: 'evaluated',
      question: `Case ${qid}: is there a pneumothorax?`,
      question_rephrase: 'NULL',
      question_relation: 'NULL',
      question_frame: 'NULL',
      question_type: 'PRES',
      answer,
      answer_type: 'CLOSED',
    });
  }
  await writeFile(join(dir, 'VQA_RAD Dataset Public.json'), JSON.stringify(records, null, 3));
  return { dir, items };
}
