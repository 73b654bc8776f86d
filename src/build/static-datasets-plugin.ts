// Vite plugin: serves static-datasets/ at /static-datasets/ in dev and preview, and copies it into the build.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Connect, Plugin } from 'vite';

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.csv': 'text/csv',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.parquet': 'application/octet-stream',
};

export function staticDatasets(dir: string, urlPrefix = '/static-datasets/'): Plugin {
  const root = resolve(dir);
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = req.url ? decodeURIComponent(req.url.split('?')[0] ?? '') : '';
    if (!url.startsWith(urlPrefix)) return next();
    const file = normalize(join(root, url.slice(urlPrefix.length)));
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', MIME[extname(file).toLowerCase()] ?? 'application/octet-stream');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    createReadStream(file).pipe(res);
  };
  let outDir = 'dist';
  return {
    name: 'medvlm-static-datasets',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    async closeBundle() {
      if (existsSync(root)) await cp(root, join(outDir, urlPrefix.replace(/^\/|\/$/g, '')), { recursive: true });
    },
  };
}
