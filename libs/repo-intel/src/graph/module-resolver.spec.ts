import { ModuleResolver } from './module-resolver';
import { readRepositoryConfig } from './repository-config';

describe('ModuleResolver', () => {
  const files = [
    'apps/web/src/main.tsx',
    'apps/web/src/lib/api.ts',
    'apps/web/tsconfig.json',
    'libs/contracts/src/index.ts',
    'libs/contracts/src/task.ts',
    'libs/ui/index.js',
    'tsconfig.base.json',
    'tsconfig.json',
    'packages/pretty/package.json',
    'packages/pretty/src/main.ts',
    'service/app/__init__.py',
    'service/app/models/__init__.py',
    'service/app/models/user.py',
    'service/app/views.py',
    'service/json/__init__.py',
    'go.mod',
    'internal/db/db.go',
    'internal/db/tx.go',
    'internal/db/db_test.go',
    'src/main/java/org/acme/model/User.java',
    'src/main/java/org/acme/model/Role.java',
  ];
  const config = readRepositoryConfig(
    new Map([
      [
        'tsconfig.base.json',
        '{ "compilerOptions": { "baseUrl": ".", "paths": { "@acme/contracts": ["libs/contracts/src/index.ts"], "@acme/contracts/*": ["libs/contracts/src/*"] } } }',
      ],
      ['tsconfig.json', '{ "extends": "./tsconfig.base.json" }'],
      [
        'apps/web/tsconfig.json',
        '{ /* web */ "extends": "../../tsconfig.base.json", "compilerOptions": { "paths": { "~/*": ["./src/*"], "@acme/contracts": ["./src/lib/api.ts"] } } }',
      ],
      ['packages/pretty/package.json', '{ "name": "@acme/pretty", "source": "src/main.ts" }'],
      ['go.mod', 'module github.com/acme/shop\n'],
    ]),
  );
  const resolver = new ModuleResolver(new Set(files), config);

  it('resolves relative imports with extension probing, emitted .js → .ts and index files', () => {
    expect(resolver.resolve('apps/web/src/main.tsx', 'tsx', './lib/api')).toEqual(['apps/web/src/lib/api.ts']);
    expect(resolver.resolve('apps/web/src/main.tsx', 'tsx', './lib/api.js')).toEqual(['apps/web/src/lib/api.ts']);
    expect(resolver.resolve('apps/web/src/lib/api.ts', 'typescript', '../../../../libs/ui')).toEqual([
      'libs/ui/index.js',
    ]);
    expect(resolver.resolve('apps/web/src/main.tsx', 'tsx', './missing')).toEqual([]);
    expect(resolver.resolve('apps/web/src/main.tsx', 'tsx', '../../../../../outside')).toEqual([]);
  });

  it('resolves tsconfig path aliases, through extends, the nearest tsconfig first and enclosing ones after', () => {
    expect(resolver.resolve('apps/web/src/main.tsx', 'tsx', '@acme/contracts')).toEqual(['apps/web/src/lib/api.ts']);
    expect(resolver.resolve('apps/web/src/main.tsx', 'tsx', '@acme/contracts/task')).toEqual([
      'libs/contracts/src/task.ts',
    ]);
    expect(resolver.resolve('apps/web/src/main.tsx', 'tsx', '~/lib/api')).toEqual(['apps/web/src/lib/api.ts']);
    expect(resolver.resolve('packages/pretty/src/main.ts', 'typescript', '@acme/contracts')).toEqual([
      'libs/contracts/src/index.ts',
    ]);
    expect(resolver.resolve('packages/pretty/src/main.ts', 'typescript', '@acme/contracts/task')).toEqual([
      'libs/contracts/src/task.ts',
    ]);
  });

  it('resolves workspace packages by their manifest name and leaves third-party packages alone', () => {
    expect(resolver.resolve('apps/web/src/main.tsx', 'tsx', '@acme/pretty')).toEqual(['packages/pretty/src/main.ts']);
    expect(resolver.resolve('apps/web/src/main.tsx', 'tsx', 'react')).toEqual([]);
  });

  it('resolves Python absolute imports from any source root, packages and relative imports', () => {
    expect(resolver.resolve('service/app/views.py', 'python', 'app.models.user')).toEqual([
      'service/app/models/user.py',
    ]);
    expect(resolver.resolve('service/app/views.py', 'python', 'app.models')).toEqual([
      'service/app/models/__init__.py',
    ]);
    expect(resolver.resolve('service/app/models/user.py', 'python', '..views')).toEqual(['service/app/views.py']);
    expect(resolver.resolve('service/app/views.py', 'python', '.models.user')).toEqual(['service/app/models/user.py']);
    // `models.user` is not importable on its own: `models` lives inside the `app` package.
    expect(resolver.resolve('service/app/views.py', 'python', 'models.user')).toEqual([]);
    expect(resolver.resolve('service/app/views.py', 'python', 'os.path')).toEqual([]);
  });

  it('resolves Go imports of the module to the package files, tests left out', () => {
    expect(resolver.resolve('cmd/main.go', 'go', 'github.com/acme/shop/internal/db')).toEqual([
      'internal/db/db.go',
      'internal/db/tx.go',
    ]);
    expect(resolver.resolve('cmd/main.go', 'go', 'fmt')).toEqual([]);
  });

  it('resolves Java class and wildcard imports by package path', () => {
    expect(resolver.resolve('src/main/java/org/acme/App.java', 'java', 'org.acme.model.User')).toEqual([
      'src/main/java/org/acme/model/User.java',
    ]);
    expect(resolver.resolve('src/main/java/org/acme/App.java', 'java', 'org.acme.model.*')).toEqual([
      'src/main/java/org/acme/model/Role.java',
      'src/main/java/org/acme/model/User.java',
    ]);
    expect(resolver.resolve('src/main/java/org/acme/App.java', 'java', 'java.util.List')).toEqual([]);
  });
});
