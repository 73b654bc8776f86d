// Enforces the dependency direction of ARCHITECTURE.md: run by `npm run check`.
// core → only core (+ pure, platform-free npm packages); backends/storage/data → core (+ themselves);
// workers → never app or svelte; app → core + its own files (workers only via src/app/workers.ts); cli → no app/workers;
// app/lib/pure → no DOM (app/lib/dom holds what needs the page).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const PURE_PACKAGES = new Set(['hyparquet', 'papaparse', 'valibot', 'fflate']);
const rules = [
  {
    dir: 'src/core',
    allow: ['src/core'],
    packages: (p) => PURE_PACKAGES.has(p),
    banned: /\b(fetch\(|indexedDB|document\.|window\.|process\.|require\()/,
  },
  { dir: 'src/backends', allow: ['src/core', 'src/backends'], packages: (p) => !p.startsWith('svelte') },
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
  {
    dir: 'src/app',
    allow: ['src/core', 'src/app', 'workers/api.ts', 'src/data', 'src/storage', 'src/backends/openai'],
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
  for (const file of walk(join(root, rule.dir))) {
    const src = readFileSync(file, 'utf8');
    const rel = relative(root, file).split(sep).join('/');
    for (const m of src.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new\s+URL\(\s*['"]([^'"]+)['"]/g,
    )) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec) continue;
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(file), spec))
          .split(sep)
          .join('/');
        if (
          !rule.allow.some((a) => target === a || target.startsWith(a + '/') || target.replace(/\.js$/, '.ts') === a)
        ) {
          if (!(rule.dir === 'src/app' && rel === 'src/app/workers.ts' && target.startsWith('workers/')))
            problems.push(`${rel}: imports ${spec} (${target}), outside what ${rule.dir} may import`);
        }
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (spec.startsWith('node:') && rule.dir === 'src/core') problems.push(`${rel}: core imports ${spec}`);
        else if (!spec.startsWith('node:') && !rule.packages(pkg))
          problems.push(`${rel}: imports package ${spec}, not allowed in ${rule.dir}`);
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
