import { RepositoryIntelligence } from '../repository-intelligence';
import { FixtureRepository } from '../testing/fixture-repository';

const FILES: Record<string, string> = {
  'src/tasks/task-repository.ts': [
    "import type { Task } from './task';",
    '/** Stores tasks in memory, keyed by id. */',
    'export class TaskRepository {',
    '  private readonly tasks = new Map<string, Task>();',
    '  save(task: Task): void {',
    '    this.tasks.set(task.id, task);',
    '  }',
    '  findById(id: string): Task {',
    '    const task = this.tasks.get(id);',
    "    if (!task) throw new Error('task not found in the repository');",
    '    return task;',
    '  }',
    '}',
  ].join('\n'),
  'src/tasks/task.ts': "export interface Task { id: string; status: 'open' | 'done' | 'cancelled' }\n",
  'src/tasks/task-service.ts': [
    "import { TaskRepository } from './task-repository';",
    '',
    '/** Moves tasks through their lifecycle. */',
    'export class TaskService {',
    '  constructor(private readonly repository: TaskRepository) {}',
    '',
    '  completeTask(id: string): void {',
    '    const task = this.repository.findById(id);',
    "    if (task.status === 'cancelled') {",
    "      throw new Error('cannot complete a cancelled task');",
    '    }',
    "    this.repository.save({ ...task, status: 'done' });",
    '  }',
    '}',
  ].join('\n'),
  'src/billing/invoice-calculator.ts': [
    '/**',
    ' * Invoice totals: sums the lines, applies each discount, then the tax rate of the',
    ' * customer country.',
    ' */',
    'export function computeInvoiceTotal(lines: Array<{ amount: number; discount: number }>, taxRate: number): number {',
    '  const net = lines.reduce((sum, line) => sum + line.amount * (1 - line.discount), 0);',
    '  return net * (1 + taxRate);',
    '}',
  ].join('\n'),
  'src/billing/invoice-calculator.spec.ts':
    "import { computeInvoiceTotal } from './invoice-calculator';\nit('adds tax', () => expect(computeInvoiceTotal([{ amount: 10, discount: 0 }], 0.2)).toBe(12));\n",
  'src/auth/password-hasher.ts':
    '// Salted password hashing; the number of rounds is configurable.\nexport function hashPassword(password: string, rounds = 10): string {\n  return `${rounds}:${password.length}`;\n}\n',
  'src/http/routes.ts': [
    "import { TaskService } from '../tasks/task-service';",
    '/** Registers the HTTP routes of the application. */',
    'export function registerRoutes(app: { post(path: string, handler: () => void): void }, service: TaskService): void {',
    "  app.post('/tasks/:id/complete', () => service.completeTask('1'));",
    '}',
  ].join('\n'),
  'docs/billing.md': '# Billing\n\nInvoices add the tax rate after discounts.\n',
  'README.md': '# Task tracker\n',
};

describe('localize', () => {
  const repo = FixtureRepository.create(FILES);
  const commit = repo.commit('Task tracker');
  let intel: RepositoryIntelligence;
  beforeAll(async () => {
    intel = await RepositoryIntelligence.open({ repo: repo.path, rev: commit, cacheDirectory: null });
  });
  afterAll(() => repo.cleanup());

  const paths = (query: string, k = 10) => intel.localize(query, k).files.map((f) => f.path);

  it('ranks the file a plain-language task is about first, its test after it', () => {
    const ranked = paths('Invoice totals ignore the tax rate for discounted lines');
    expect(ranked[0]).toBe('src/billing/invoice-calculator.ts');
    expect(ranked.indexOf('src/billing/invoice-calculator.spec.ts')).toBeGreaterThan(0);
  });

  it('follows a stack trace to the file and the function at the failing line', () => {
    const answer = intel.localize(
      'Completing fails:\nError: cannot complete a cancelled task\n    at TaskService.completeTask (/home/ci/build/src/tasks/task-service.ts:10:13)\n    at /home/ci/build/src/http/routes.ts:4:52',
      5,
    );
    expect(answer.files[0].path).toBe('src/tasks/task-service.ts');
    expect(answer.files[0].reasons.join(' ')).toContain('stack frame task-service.ts:10');
    expect(answer.files[0].symbols[0]).toMatchObject({
      name: 'completeTask',
      container: 'TaskService',
      reason: 'stack frame at line 10',
    });
    expect(answer.files.map((f) => f.path)).toContain('src/http/routes.ts');
  });

  it('finds the definition of an identifier written as code', () => {
    const answer = intel.localize('Make `findById` return undefined instead of throwing', 3);
    expect(answer.files[0].path).toBe('src/tasks/task-repository.ts');
    expect(answer.files[0].reasons).toContain('defines findById');
    expect(answer.files[0].symbols[0]?.name).toBe('findById');
  });

  it('honours a path named in the task', () => {
    expect(paths('Update src/auth/password-hasher.ts to use 12 salt rounds')[0]).toBe('src/auth/password-hasher.ts');
    expect(paths('password-hasher.ts needs more rounds')[0]).toBe('src/auth/password-hasher.ts');
  });

  it('matches a quoted error message to the file that raises it', () => {
    const answer = intel.localize('Users see "task not found in the repository" when they open an archived item', 3);
    expect(answer.files[0].path).toBe('src/tasks/task-repository.ts');
    expect(answer.files[0].reasons.some((r) => r.startsWith('contains the message'))).toBe(true);
  });

  it('brings in the neighbours of a strong hit through the import graph', () => {
    const answer = intel.localize('register the HTTP routes', 5);
    expect(answer.files[0].path).toBe('src/http/routes.ts');
    const service = answer.files.find((f) => f.path === 'src/tasks/task-service.ts');
    expect(service?.reasons).toContain('imported by routes.ts');
  });

  it('leaves tests out when asked, and returns nothing for a query that matches nothing', () => {
    const ranked = intel.localize('Invoice totals ignore the tax rate', 10, { includeTests: false }).files;
    expect(ranked.some((f) => f.role === 'test')).toBe(false);
    expect(paths('zzzqqq xxyyzz')).toEqual([]);
  });

  it('is deterministic across instances', async () => {
    const other = await RepositoryIntelligence.open({ repo: repo.path, rev: commit, cacheDirectory: null });
    const query = 'complete a task and save it in the repository';
    expect(other.localize(query, 10)).toEqual(intel.localize(query, 10));
  });

  it('offers a plain BM25 baseline over the same files', () => {
    const ranked = intel.baseline('invoice tax rate', 3);
    expect(ranked[0]).toBe('src/billing/invoice-calculator.ts');
    expect(intel.baseline('computeInvoiceTotal', 10)).toEqual([
      'src/billing/invoice-calculator.spec.ts',
      'src/billing/invoice-calculator.ts',
    ]);
  });
});
