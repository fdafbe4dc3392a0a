/**
 * What a warm environment keeps of a workspace after a successful install, read from
 * `git status --porcelain=v1 -z --ignored --untracked-files=normal`: everything the install added
 * (ignored or untracked: node_modules, a venv, a lockfile it wrote) and the manifests it rewrote
 * (`npm install` updating package-lock.json), which are in the key, so the next checkout has the
 * same contents to start from. Any other change to a tracked file makes the snapshot unsafe: the
 * next task's commit may have a different version of that file, and restoring would overwrite it.
 */
export type SnapshotSelection = { paths: string[] } | { unsafe: string };

export function selectSnapshotPaths(porcelainZ: string, keyedManifests: readonly string[]): SnapshotSelection {
  const entries = porcelainZ.split('\0').filter((entry) => entry.length > 0);
  const paths: string[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] ?? '';
    const status = entry.slice(0, 2);
    const path = entry.slice(3);
    // A rename or copy carries its source as the next entry.
    if (status.includes('R') || status.includes('C')) {
      return { unsafe: `the install renamed or copied a tracked file (${path})` };
    }
    if (path === '.git' || path.startsWith('.git/') || path.split('/').includes('..')) {
      return { unsafe: `unexpected path in the workspace status: ${path}` };
    }
    if (status === '!!' || status === '??') {
      paths.push(path);
    } else if (status.includes('D')) {
      return { unsafe: `the install deleted a tracked file (${path})` };
    } else if (keyedManifests.includes(path)) {
      paths.push(path);
    } else {
      return { unsafe: `the install changed a tracked file that is not a manifest (${path})` };
    }
  }
  return { paths: paths.sort() };
}
