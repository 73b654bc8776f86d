// Archives and picked folders often wrap the data in one folder (OmniMedVQA.zip → OmniMedVQA/…, a picked
// folder's own name in webkitRelativePath). Adapters search below the root, but item ids carry file paths
// (PMC-VQA, PathVQA, the bundle), so a zip and its unpacked folder must list the same relative paths.

/** The paths without their first segment when every path has the same one; else unchanged. */
export function stripCommonTopFolder(paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  const first = paths[0] ?? '';
  const slash = first.indexOf('/');
  if (slash <= 0) return paths.slice();
  const top = first.slice(0, slash + 1);
  for (const p of paths) if (!p.startsWith(top) || p.length === top.length) return paths.slice();
  return paths.map((p) => p.slice(top.length));
}
