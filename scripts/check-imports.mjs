// Enforces the dependency direction of ARCHITECTURE.md: run by `npm run check`.
// core → only core (+ pure, platform-free npm packages); each backend → core, backends/shared and itself;
// storage/data → core (+ themselves); workers → never app or svelte; app → core, data, storage, the openai backend
// and its own files, and only src/app/workers.ts (+ job-workers.ts) reaches workers/ and the page-side parts of worker-backed
// backends; app/lib/pure → no DOM (app/lib/dom holds what needs the page); cli → no app/workers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const PURE_PACKAGES = new Set(['hyparquet', 'papaparse', 'valibot', 'fflate']);
const APP = ['src/core', 'src/app', 'src/data', 'src/storage', 'src/backends/openai'];
const rules = [
  {
    dir: 'src/core',
    allow: ['src/core'],
    packages: (p) => PURE_PACKAGES.has(p),
    banned: /\b(fetch\(|indexedDB|document\.|window\.|process\.|require\()/,
  },
  // each backend folder imports only core, backends/shared and itself: helpers two backends need live in shared/
  ...backendFolders().map((name) => ({
    dir: `src/backends/${name}`,
    allow: ['src/core', 'src/backends/shared', `src/backends/${name}`],
    packages: (p) => !p.startsWith('svelte'),
  })),
  { dir: 'src/storage', allow: ['src/core', 'src/storage'], packages: (p) => !p.startsWith('svelte') },
  { dir: 'src/data', allow: ['src/core', 'src/data'], packages: (p) => !p.startsWith('svelte') },
  {
    dir: 'workers',
    allow: ['src/core', 'src/backends', 'src/storage', 'src/data', 'workers'],
    packages: (p) => !p.startsWith('svelte'),
  },
  {
    dir: 'src/cli',
    allow: ['src/core', 'src/backends', 'src/storage', 'src/data', 'src/cli'],
    packages: (p) => !p.startsWith('svelte'),
  },
  { dir: 'src/app', except: ['src/app/workers.ts', 'src/app/job-workers.ts'], allow: APP, packages: () => true },
  // The one file that starts workers: it names the worker entries, speaks their protocol (api.ts, error-transfer.ts),
  // and holds the page-side parts of the worker-backed backends: the device choice (pure) and web-llm's facade
  // (which imports web-llm only when a model loads). Never a backend's engine code.
  {
    file: 'src/app/workers.ts',
    allow: [
      ...APP,
      'workers/api.ts',
      'workers/error-transfer.ts',
      /^workers\/[a-z0-9-]+\.worker\.ts(\?worker&url)?$/,
      'src/backends/shared/webgpu-probe.ts',
      'src/backends/transformers/runtime-choice.ts',
      'src/backends/webllm',
    ],
    packages: () => true,
  },
  // The other file that starts workers: one-job workers (a dataset load, a classifier's training) and their protocol.
  {
    file: 'src/app/job-workers.ts',
    allow: [...APP, 'workers/api.ts', 'workers/error-transfer.ts', /^workers\/[a-z0-9-]+\.worker\.ts(\?worker&url)?$/],
    packages: () => true,
  },
  // app/lib/pure: logic that runs (and is tested) in Node: no DOM, no workers, no Svelte, no app state.
  {
    dir: 'src/app/lib/pure',
    allow: ['src/core', 'src/app/lib/pure', 'src/storage', 'src/backends/openai'],
    packages: (p) => !p.startsWith('svelte'),
    banned:
      /\b(document\.|window\.|navigator\.|localStorage|sessionStorage|indexedDB|caches\.|requestAnimationFrame|new Worker|URL\.createObjectURL)/,
  },
];

/** An allowed path: a folder (and everything under it), a file (with or without its extension), or a pattern. */
function allows(allowed, target) {
  if (allowed instanceof RegExp) return allowed.test(target);
  const bare = allowed.replace(/\.ts$/, '');
  return (
    target === allowed || target === bare || target.replace(/\.js$/, '') === bare || target.startsWith(allowed + '/')
  );
}

function backendFolders() {
  const dir = join(root, 'src/backends');
  return readdirSync(dir).filter((e) => statSync(join(dir, e)).isDirectory());
}

function walk(dir) {
  const out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ts|svelte)$/.test(e)) out.push(p);
  }
  return out;
}

const problems = [];
for (const rule of rules) {
  const scope = rule.file ?? rule.dir;
  const files = rule.file !== undefined ? [join(root, rule.file)] : walk(join(root, rule.dir));
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    const rel = relative(root, file).split(sep).join('/');
    if (rule.except?.includes(rel)) continue;
    for (const m of src.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new\s+URL\(\s*['"]([^'"]+)['"]/g,
    )) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec) continue;
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(file), spec))
          .split(sep)
          .join('/');
        if (!rule.allow.some((a) => allows(a, target)))
          problems.push(`${rel}: imports ${spec} (${target}), outside what ${scope} may import`);
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (spec.startsWith('node:') && rule.dir === 'src/core') problems.push(`${rel}: core imports ${spec}`);
        else if (!spec.startsWith('node:') && !rule.packages(pkg))
          problems.push(`${rel}: imports package ${spec}, not allowed in ${scope}`);
      }
    }
    if (rule.banned) {
      const code = src.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      const hit = code.match(rule.banned);
      if (hit) problems.push(`${rel}: uses ${hit[1]} — ${rule.dir} must stay platform-free`);
    }
  }
}
if (problems.length) {
  console.error('Dependency rules broken (see ARCHITECTURE.md):\n' + problems.map((p) => '  ' + p).join('\n'));
  process.exit(1);
}
console.log('imports: dependency direction ok');
