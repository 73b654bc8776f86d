// Where e2e tests keep what a person looks at afterwards (screenshots): tests/.generated/e2e-artifacts/ (ignored by
// git), or MEDVLM_E2E_ARTIFACTS.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/shared-datasets';

export function artifactPath(name: string): string {
  const dir = process.env['MEDVLM_E2E_ARTIFACTS'] ?? join(REPO_ROOT, 'tests', '.generated', 'e2e-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
