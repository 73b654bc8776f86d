#!/usr/bin/env node
// Regenerates the bundled demo slices in static-datasets/ from the real samples in ../shared/datasets.
// Each slice keeps the ORIGINAL raw shape (same file names, JSON shape and serialisation, only the selected
// records and the images they reference), so the app's loaders read it exactly as they read an official release.
//
// Usage:  node scripts/make-demo-slices.mjs            write static-datasets/{vqa-rad,slake,pathvqa} + index.json
//         node scripts/make-demo-slices.mjs --check    exit 1 if the committed slices differ from a fresh build
// Env:    MEDVLM_SHARED_DATASETS overrides the source folder (default ../shared/datasets beside the repo).
//
// Selection (deterministic, no randomness): records are grouped by image in the order each image first appears
// in the source file; groups holding a `priority` record come first (SLAKE's either/or questions), then the rest in
// file order. A group is taken when it holds at least one eligible record (the benchmark's default eval filter)
// and its image is at most the benchmark's maxImageBytes (priority groups are exempt; the caps keep the
// whole of static-datasets/ under ~3 MB), until TARGET_ITEMS eligible records are
// taken. Every record of a taken group is kept (ineligible ones then show up as "filtered" in the load report);
// records are written in their original file order.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.MEDVLM_SHARED_DATASETS ?? resolve(REPO, '../shared/datasets');
const OUT = join(REPO, 'static-datasets');
const TARGET_ITEMS = 20;

const isYesNo = (a) => ['yes', 'no'].includes(String(a).trim().toLowerCase());

/** Python's json.dumps default style (", " and ": " separators, no indent, non-ASCII unescaped). */
function dumpsPython(v) {
  if (Array.isArray(v)) return '[' + v.map(dumpsPython).join(', ') + ']';
  if (v !== null && typeof v === 'object')
    return (
      '{' +
      Object.entries(v)
        .map(([k, x]) => JSON.stringify(k) + ': ' + dumpsPython(x))
        .join(', ') +
      '}'
    );
  return JSON.stringify(v);
}

/** SLAKE either/or: "…, liver or spleen?" — the answer must be one of the alternatives named in the question. */
function isEitherOr(r) {
  if (!/\bor\b/i.test(r.question)) return false;
  const tail = r.question.includes(',') ? r.question.slice(r.question.indexOf(',') + 1) : r.question;
  const alts = tail
    .replace(/\?+\s*$/, '')
    .split(/,|\bor\b/i)
    .map((s) => s.trim().toLowerCase());
  return alts.includes(String(r.answer).trim().toLowerCase());
}

const BENCHMARKS = [
  {
    id: 'vqa-rad',
    maxImageBytes: 60_000,
    title: 'VQA-RAD',
    dataFile: 'VQA_RAD Dataset Public.json',
    imageOf: (r) => `VQA_RAD Image Folder/${r.image_name}`,
    eligible: (r) => (r.phrase_type === 'test_freeform' || r.phrase_type === 'test_para') && isYesNo(r.answer),
    priority: () => false,
    serialize: (records) => JSON.stringify(records, null, 3),
    filter: 'test split (phrase_type test_freeform/test_para), answer yes/no',
    license: 'CC0-1.0',
    source: 'OSF release https://osf.io/89kps/ (Lau et al., 2018); HF mirror flaviagiammarino/vqa-rad',
    via: { repo: 'github.com/Jana-SG/MedVQA-Datasets', commit: '13dd08cdce11b9644a5030589eea6f9a519ae8c5' },
    licenseText: [
      'License: **CC0 1.0 Universal** (public-domain dedication), as stated on the Hugging Face mirror',
      '`flaviagiammarino/vqa-rad` (`license: cc0-1.0`) for the OSF release https://osf.io/89kps/.',
      'Images are MedPix (U.S. National Library of Medicine) teaching-case images.',
    ],
    citation:
      'Lau, J. J., Gayen, S., Ben Abacha, A., & Demner-Fushman, D. (2018). A dataset of clinically generated visual ' +
      'questions and answers about radiology images. Scientific Data, 5, 180251. https://doi.org/10.1038/sdata.2018.251',
    origin:
      'Records and images copied byte-for-byte from github.com/Jana-SG/MedVQA-Datasets @ 13dd08cdce11b9644a5030589eea6f9a519ae8c5 ' +
      '(`VQA-RAD/VQA_RAD Dataset Public.json`, `VQA-RAD/VQA_RAD Image Folder/`), a verbatim copy of the OSF release.',
  },
  {
    id: 'slake',
    maxImageBytes: 120_000,
    title: 'SLAKE',
    dataFile: 'test.json',
    imageOf: (r) => `imgs/${r.img_name}`,
    eligible: (r) => r.q_lang === 'en' && r.answer_type === 'CLOSED' && (isYesNo(r.answer) || isEitherOr(r)),
    priority: (r) => r.q_lang === 'en' && r.answer_type === 'CLOSED' && !isYesNo(r.answer) && isEitherOr(r),
    serialize: (records) => dumpsPython(records),
    filter: 'test, q_lang en, answer_type CLOSED (yes/no and either/or questions)',
    license: 'CC-BY-4.0',
    source: 'BoKelvin/SLAKE (SLAKE 1.0, https://www.med-vqa.com/slake/)',
    via: {
      repo: 'github.com/xiaoman-zhang/PMC-VQA (Slake1.0/test.json) + github.com/Jana-SG/MedVQA-Datasets (Slake/imgs)',
      commit: '1678ec2c97f0b2bf84591ddccd2e84932630e450 (questions); cb522af02547c6400fe9189c52fc1d65ab2ba0a4 (images)',
    },
    licenseText: [
      'License: **Creative Commons Attribution 4.0 International (CC BY 4.0)**, as stated on the Hugging Face',
      'dataset card `BoKelvin/SLAKE`. https://creativecommons.org/licenses/by/4.0/',
      'You may share and adapt this material provided you give appropriate credit (see the citation below).',
      'Changes made here: only a subset of the English test records is kept, and only `imgs/<id>/source.jpg`.',
    ],
    citation:
      'Liu, B., Zhan, L.-M., Xu, L., Ma, L., Yang, Y., & Wu, X.-M. (2021). SLAKE: A Semantically-Labeled ' +
      'Knowledge-Enhanced Dataset for Medical Visual Question Answering. IEEE ISBI 2021. https://arxiv.org/abs/2102.09542',
    origin:
      'Questions from github.com/xiaoman-zhang/PMC-VQA @ 1678ec2c97f0b2bf84591ddccd2e84932630e450 `Slake1.0/test.json` ' +
      '(identical layout to the official SLAKE 1.0 test.json); images `Slake/imgs/xmlabN/source.jpg` from ' +
      'github.com/Jana-SG/MedVQA-Datasets @ cb522af02547c6400fe9189c52fc1d65ab2ba0a4.',
  },
  {
    id: 'pathvqa',
    maxImageBytes: 90_000,
    title: 'PathVQA',
    dataFile: 'test.json',
    imageOf: (r) => r.image,
    eligible: (r) => isYesNo(r.answer),
    priority: () => false,
    serialize: (records) => JSON.stringify(records, null, 1),
    filter: 'test, answer yes/no',
    license: 'MIT',
    source: 'flaviagiammarino/path-vqa (HF parquet: image, question, answer); official UCSD-AI4H/PathVQA',
    via: {
      repo: 'github.com/Abdallahkhale/Enhanced-BTIA-AD-Net-for-Medical-Visual-Question-Answering',
      commit: '1a9a7902c1933687ac5c8021280f45d9f1cc9c5d',
    },
    licenseText: [
      'License: **MIT** (UCSD-AI4H/PathVQA repository LICENSE, 2023; the HF card flaviagiammarino/path-vqa lists MIT).',
      'The PathVQA README adds: "The copyrights of images and captions belong to the publishers and authors of',
      'these two books, and the owners of the PEIR digital library."',
    ],
    citation:
      'He, X., Zhang, Y., Mou, L., Xing, E., & Xie, P. (2020). PathVQA: 30000+ Questions for Medical Visual ' +
      'Question Answering. arXiv:2003.10286. https://github.com/UCSD-AI4H/PathVQA',
    origin:
      'HF test rows exported by github.com/Abdallahkhale/Enhanced-BTIA-AD-Net-for-Medical-Visual-Question-Answering @ ' +
      '1a9a7902c1933687ac5c8021280f45d9f1cc9c5d (`data/pathvqa/test.json`, images re-encoded by PIL); image files ' +
      'renamed to their official PathVQA ids (`images/test/test_XXXX.jpg`) via UCSD-AI4H/PathVQA @ ' +
      'dd5180425138217ca53eb70d085761ffcb6c491c `pvqa_test.json`.',
  },
];

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

function selectRecords(def, records) {
  const groups = new Map();
  records.forEach((r, i) => {
    const img = def.imageOf(r);
    const g = groups.get(img) ?? { img, indices: [] };
    g.indices.push(i);
    groups.set(img, g);
  });
  const all = [...groups.values()];
  const hasPriority = (g) => g.indices.some((i) => def.priority(records[i]));
  const ordered = [...all.filter(hasPriority), ...all.filter((g) => !hasPriority(g))];
  const taken = new Set();
  let eligible = 0;
  for (const g of ordered) {
    if (eligible >= TARGET_ITEMS) break;
    const n = g.indices.filter((i) => def.eligible(records[i])).length;
    if (n === 0) continue;
    const bytes = statSync(join(SHARED, def.id, g.img)).size;
    if (bytes > def.maxImageBytes && !hasPriority(g)) continue;
    for (const i of g.indices) taken.add(i);
    eligible += n;
  }
  return [...taken].sort((a, b) => a - b).map((i) => records[i]);
}

function licenseMarkdown(def, manifest) {
  return [
    `# ${def.title} — bundled demo slice: license and attribution`,
    '',
    ...def.licenseText,
    '',
    '## Citation',
    '',
    def.citation,
    '',
    '## Original source',
    '',
    `Official: ${def.source}.`,
    '',
    def.origin,
    '',
    '## This slice',
    '',
    `${manifest.counts.records} records (${manifest.counts.items} in the default eval filter: ${def.filter}) and ` +
      `${manifest.counts.images} images, in the original file layout and serialisation. Selected deterministically by ` +
      '`scripts/make-demo-slices.mjs` (see its header); regenerate with `node scripts/make-demo-slices.mjs`.',
    '',
  ].join('\n');
}

/** Builds every file of one slice in memory: path → Buffer. */
function buildSlice(def) {
  const srcDir = join(SHARED, def.id);
  const original = readFileSync(join(srcDir, def.dataFile), 'utf8');
  const records = JSON.parse(original);
  if (def.serialize(records) !== original)
    throw new Error(`${def.id}: serialiser does not reproduce ${def.dataFile} byte-for-byte; fix it before slicing`);
  const picked = selectRecords(def, records);
  const files = new Map([[def.dataFile, Buffer.from(def.serialize(picked), 'utf8')]]);
  const images = [...new Set(picked.map(def.imageOf))].sort();
  for (const img of images) files.set(img, readFileSync(join(srcDir, img)));
  const manifest = {
    benchmark: def.id,
    title: def.title,
    source: def.source,
    via: def.via.repo,
    revision: def.via.commit,
    license: def.license,
    filter: def.filter,
    generatedBy: 'scripts/make-demo-slices.mjs',
    files: [...files.keys()]
      .sort()
      .map((path) => ({ path, sha256: sha256(files.get(path)), bytes: files.get(path).length })),
    counts: { records: picked.length, items: picked.filter(def.eligible).length, images: images.length },
  };
  files.set('LICENSE.md', Buffer.from(licenseMarkdown(def, manifest), 'utf8'));
  manifest.files.push({
    path: 'LICENSE.md',
    sha256: sha256(files.get('LICENSE.md')),
    bytes: files.get('LICENSE.md').length,
  });
  files.set('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  return { manifest, files };
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((p) => String(p))
    .filter((p) => statSync(join(dir, p)).isFile())
    .map((p) => p.split(sep).join('/'));
}

function main() {
  const check = process.argv.includes('--check');
  if (!existsSync(SHARED)) {
    console.error(
      `Real samples not found at ${SHARED}: put ../shared/datasets beside the repo or set MEDVLM_SHARED_DATASETS.`,
    );
    process.exit(2);
  }
  const all = new Map();
  const index = { generatedBy: 'scripts/make-demo-slices.mjs', benchmarks: [] };
  for (const def of BENCHMARKS) {
    const { manifest, files } = buildSlice(def);
    for (const [p, buf] of files) all.set(`${def.id}/${p}`, buf);
    index.benchmarks.push({
      id: def.id,
      title: def.title,
      path: `${def.id}/`,
      license: def.license,
      counts: manifest.counts,
    });
  }
  all.set('index.json', Buffer.from(JSON.stringify(index, null, 2) + '\n', 'utf8'));

  const existing = listFiles(OUT);
  if (check) {
    const diff = [];
    for (const [p, buf] of all)
      if (!existsSync(join(OUT, p)) || !readFileSync(join(OUT, p)).equals(buf)) diff.push(`changed/missing ${p}`);
    for (const p of existing) if (!all.has(p)) diff.push(`extra ${p}`);
    if (diff.length) {
      console.error('static-datasets/ is out of date; run node scripts/make-demo-slices.mjs\n  ' + diff.join('\n  '));
      process.exit(1);
    }
    console.log(`static-datasets/ is up to date (${all.size} files).`);
    return;
  }
  for (const p of existing) if (!all.has(p)) rmSync(join(OUT, p));
  let total = 0;
  for (const [p, buf] of all) {
    mkdirSync(dirname(join(OUT, p)), { recursive: true });
    writeFileSync(join(OUT, p), buf);
    total += buf.length;
  }
  for (const b of index.benchmarks)
    console.log(`${b.id}: ${b.counts.records} records, ${b.counts.items} eval items, ${b.counts.images} images`);
  console.log(`wrote ${all.size} files, ${(total / 1e6).toFixed(2)} MB to ${relative(REPO, OUT)}/`);
}

main();
