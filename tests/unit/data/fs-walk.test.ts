// Walking a dataset folder safely: a folder link to / is skipped (one exclusion) while file links are followed
// (a Hugging Face cache snapshot is made of them), an unreadable subfolder is one excluded entry, a JSON file that
// is really /etc/passwd never has its content echoed, unparsable or non-UTF-8 data exits 2.
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../src/core/benchmarks';
import { createFsSource } from '../../../src/data/fs';
import { REPO_ROOT } from '../../support/shared-datasets';
import { type RadFixture, writeRadFixture } from '../cli/run-fixture';

const JSON_NAME = 'VQA_RAD Dataset Public.json';
const IMAGES = 'VQA_RAD Image Folder';
const bin = join(REPO_ROOT, 'bin', 'medvlm-bench.mjs');
const PASSWD = '/etc/passwd';

let fixture: RadFixture;
beforeAll(async () => {
  fixture = await writeRadFixture(8);
});
afterAll(async () => {
  await rm(fixture.dir, { recursive: true, force: true });
});

/** The CLI's `items` on a folder; as an unprivileged user when this runs as root (root reads any folder). */
function items(dir: string, asNobody = false) {
  const asUser = asNobody && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  return spawnSync(process.execPath, [bin, 'items', '--benchmark', 'vqa-rad', '--data', dir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, HOME: '/tmp' },
    timeout: 60_000,
    ...asUser,
  });
}

async function copyOf(name: string): Promise<string> {
  const dir = join(fixture.dir, '..', `${fixture.dir.split('/').pop() ?? 'x'}-${name}`);
  await rm(dir, { recursive: true, force: true });
  spawnSync('cp', ['-r', fixture.dir, dir]);
  return dir;
}

describe('walking a dataset folder', () => {
  it('a folder link to / is skipped (one outside-root exclusion), a file link is followed', async () => {
    const dir = await copyOf('rootlink');
    await symlink('/', join(dir, 'everything'));
    // an image kept elsewhere, linked in as a file
    const outside = `${dir}-outside.jpg`;
    await rename(join(dir, IMAGES, 'synpic1000.jpg'), outside);
    await symlink(outside, join(dir, IMAGES, 'synpic1000.jpg'));
    const source = createFsSource(dir);
    const started = Date.now();
    const files = await source.list();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(files.filter((f) => f.startsWith('everything/'))).toEqual([]);
    expect(files).toContain(`${IMAGES}/synpic1000.jpg`);
    expect(await source.readBytes(`${IMAGES}/synpic1000.jpg`)).toEqual(new Uint8Array(await readFile(outside)));
    await expect(source.readText('everything/etc/hostname')).rejects.toMatchObject({ code: 'dataset/bad-path' });

    const { report } = await loadBenchmark(source, 'vqa-rad');
    expect(report.kept).toBeGreaterThan(0);
    expect(report.excludedByReason['outside-root']).toBe(1);
    expect(report.exclusions).toContainEqual(expect.objectContaining({ file: 'everything/', index: -1 }));
    const r = items(dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('excluded 1× outside-root');
    await rm(outside);
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('a Hugging Face cache snapshot (files linked into the blob store) loads', async () => {
    const hub = `${fixture.dir}-hub/datasets--flaviagiammarino--vqa-rad`;
    const snapshot = join(hub, 'snapshots', 'abc123');
    await mkdir(join(hub, 'blobs'), { recursive: true });
    await mkdir(join(snapshot, IMAGES), { recursive: true });
    const link = async (rel: string, blob: string): Promise<void> => {
      await writeFile(join(hub, 'blobs', blob), await readFile(join(fixture.dir, rel)));
      const depth = rel.split('/').length + 1; // snapshots/<rev>/<rel>
      await symlink(`${'../'.repeat(depth)}blobs/${blob}`, join(snapshot, rel));
    };
    await link(JSON_NAME, 'b0');
    for (let k = 0; k < 4; k++) await link(`${IMAGES}/synpic${1000 + k}.jpg`, `b${k + 1}`);
    const { items: loaded, report } = await loadBenchmark(createFsSource(snapshot), 'vqa-rad');
    expect(report.excluded).toBe(0);
    expect(loaded.length).toBe(fixture.items.length);
    expect(loaded.every((i) => i.images.every((img) => img.present))).toBe(true);
    await rm(`${fixture.dir}-hub`, { recursive: true, force: true });
  });

  it('an unreadable subfolder is one excluded entry with its reason; every command still works', async (ctx) => {
    const dir = await copyOf('eacces');
    await chmod(dir, 0o755);
    const probe = items(dir, true);
    if (probe.status !== 0) {
      // as root the CLI runs as nobody (root reads any folder); that needs the repo readable by others
      const why = `cannot run the CLI as an unprivileged user here: ${probe.error?.message ?? probe.stderr.slice(0, 300)}`;
      console.warn(`skipped: ${why}`);
      await rm(dir, { recursive: true, force: true });
      ctx.skip(why);
      return;
    }
    await mkdir(join(dir, 'private', 'deeper'), { recursive: true });
    await writeFile(join(dir, 'private', 'deeper', 'x.json'), '[]');
    await chmod(join(dir, 'private'), 0o000);
    try {
      const r = items(dir, true);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(fixture.items.length);
      expect(r.stderr).toContain('excluded 1× unreadable');
      expect(r.stderr).toMatch(/private\/#-1 \[\] unreadable: the folder permission denied \(EACCES\)/);
    } finally {
      await chmod(join(dir, 'private'), 0o755);
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('reading dataset files', () => {
  it('a JSON file that is a link to /etc/passwd never echoes its content (report, error, exit 2)', async () => {
    const head = (await readFile(PASSWD, 'utf8')).split('\n')[0]?.slice(0, 6) ?? '';
    expect(head.length).toBeGreaterThan(3);
    const dir = await copyOf('passwd');
    await rm(join(dir, JSON_NAME));
    await symlink(PASSWD, join(dir, JSON_NAME));
    const { report } = await loadBenchmark(createFsSource(dir), 'vqa-rad');
    expect(report.exclusions).toHaveLength(1);
    expect(report.exclusions[0]?.reason).toMatch(/^parse-error: not valid JSON/);
    expect(JSON.stringify(report)).not.toContain(head);
    const r = items(dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toContain(head);
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('a JSON parse error says where, never what', async () => {
    const dir = await copyOf('broken');
    await writeFile(join(dir, JSON_NAME), '[\n  {"qid": 1, "secret-ish": tru}\n]');
    const { report } = await loadBenchmark(createFsSource(dir), 'vqa-rad');
    expect(report.exclusions[0]?.reason).toBe('parse-error: not valid JSON (an unexpected character)');
    await writeFile(join(dir, JSON_NAME), '[\n  {"qid": 1,, "x": 2}\n]');
    const again = await loadBenchmark(createFsSource(dir), 'vqa-rad');
    expect(again.report.exclusions[0]?.reason).toBe('parse-error: not valid JSON (at line 2, column 13)');
    const r = items(dir);
    expect(r.status).toBe(2); // a dataset file that cannot be parsed exits 2, as the README says
    expect(r.stderr).toContain('1 parse-error');
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('invalid UTF-8 is reported with its line and byte, not replaced; the CLI exits 2', async () => {
    const dir = await copyOf('latin1');
    const text = await readFile(join(dir, JSON_NAME));
    const at = text.indexOf('Case 101');
    const bad = Buffer.concat([text.subarray(0, at), Buffer.from([0xe9]), text.subarray(at)]); // Latin-1 'é'
    await writeFile(join(dir, JSON_NAME), bad);
    const line = text.subarray(0, at).toString('utf8').split('\n').length;
    await expect(createFsSource(dir).readText(JSON_NAME)).rejects.toMatchObject({
      code: 'dataset/bad-encoding',
      message: expect.stringContaining(`line ${line}, byte ${at}`),
    });
    const r = items(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not valid UTF-8');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
});
