import { planDependencyInstall } from './dependency-detection';
import { classifyInstallFailure } from './install-failure-classifier';

describe('planDependencyInstall', () => {
  it('prefers the lockfile of the package manager the repository uses', () => {
    expect(planDependencyInstall(['package.json', 'pnpm-lock.yaml'])).toEqual([
      { manifest: 'pnpm-lock.yaml', command: 'pnpm install --frozen-lockfile' },
    ]);
    expect(planDependencyInstall(['package.json', 'yarn.lock'])[0].command).toMatch(/^yarn install --frozen-lockfile/);
    expect(planDependencyInstall(['package.json', 'package-lock.json'])[0].command).toMatch(/^npm ci/);
    expect(planDependencyInstall(['package.json'])[0].command).toMatch(/^npm install/);
  });

  it('uses poetry only for poetry projects and a venv for pip', () => {
    expect(planDependencyInstall(['pyproject.toml'], '[tool.poetry]\nname = "x"\n')[0].command).toMatch(
      /poetry install/,
    );
    expect(planDependencyInstall(['pyproject.toml'], '[project]\nname = "x"\n')[0].command).toMatch(
      /\.venv\/bin\/pip install -e \./,
    );
    expect(planDependencyInstall(['requirements.txt', 'requirements-dev.txt']).map((s) => s.manifest)).toEqual([
      'requirements-dev.txt',
      'requirements.txt',
    ]);
  });

  it('covers go and maven, and plans nothing for a bare repository', () => {
    expect(planDependencyInstall(['go.mod', 'pom.xml']).map((s) => s.manifest)).toEqual(['go.mod', 'pom.xml']);
    expect(planDependencyInstall(['README.md'])).toEqual([]);
  });
});

describe('classifyInstallFailure', () => {
  it.each([
    ['npm ERR! 403 Forbidden - GET https://evil.example/x', false, 'network_blocked'],
    ["ERROR: Could not find a version\nProxyError('Cannot connect to proxy.')", false, 'network_blocked'],
    ['gyp ERR! stack Error: not found: make', false, 'missing_system_package'],
    ['fatal error: libpq-fe.h: No such file or directory', false, 'missing_system_package'],
    ['npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree', false, 'resolution_conflict'],
    ['anything', true, 'timeout'],
    ['segfault', false, 'unknown'],
  ])('classifies %j', (output, timedOut, category) => {
    expect(classifyInstallFailure(output, timedOut)).toBe(category);
  });
});
