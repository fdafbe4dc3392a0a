export interface DependencyInstallPlanStep {
  manifest: string;
  command: string;
}

/**
 * Chooses install commands from the manifests at the workspace root. Lockfiles win over bare
 * manifests (a lockfile means the repository expects reproducible installs); Python installs go into
 * a project venv because Debian's python refuses system-wide pip installs (PEP 668) and the sandbox
 * user could not write there anyway.
 */
export function planDependencyInstall(rootFiles: string[], pyprojectContent?: string): DependencyInstallPlanStep[] {
  const has = (name: string) => rootFiles.includes(name);
  const steps: DependencyInstallPlanStep[] = [];

  if (has('pnpm-lock.yaml')) steps.push({ manifest: 'pnpm-lock.yaml', command: 'pnpm install --frozen-lockfile' });
  else if (has('yarn.lock'))
    steps.push({ manifest: 'yarn.lock', command: 'yarn install --frozen-lockfile --non-interactive' });
  else if (has('package-lock.json') || has('npm-shrinkwrap.json'))
    steps.push({
      manifest: has('package-lock.json') ? 'package-lock.json' : 'npm-shrinkwrap.json',
      command: 'npm ci --no-audit --no-fund',
    });
  else if (has('package.json')) steps.push({ manifest: 'package.json', command: 'npm install --no-audit --no-fund' });

  const venv = 'test -d .venv || python3 -m venv .venv';
  if (has('pyproject.toml') && pyprojectContent !== undefined && /^\[tool\.poetry\]/m.test(pyprojectContent)) {
    steps.push({
      manifest: 'pyproject.toml',
      command: 'poetry config virtualenvs.in-project true && poetry install --no-interaction',
    });
  } else if (has('pyproject.toml')) {
    steps.push({ manifest: 'pyproject.toml', command: `${venv} && .venv/bin/pip install -e .` });
  }
  for (const file of rootFiles.filter((name) => /^requirements.*\.txt$/.test(name)).sort()) {
    steps.push({ manifest: file, command: `${venv} && .venv/bin/pip install -r ${file}` });
  }

  if (has('go.mod')) steps.push({ manifest: 'go.mod', command: 'go mod download' });
  if (has('pom.xml')) steps.push({ manifest: 'pom.xml', command: 'mvn -B -q dependency:go-offline' });
  return steps;
}
