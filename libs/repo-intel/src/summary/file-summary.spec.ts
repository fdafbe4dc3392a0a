import { RepositoryIntelligence } from '../repository-intelligence';
import { FixtureRepository } from '../testing/fixture-repository';
import { summariseSource } from './source-summary';

describe('file summaries', () => {
  const repo = FixtureRepository.create({
    'src/store.ts':
      "import { Order } from './order';\n\n/** Keeps orders. */\nexport class OrderStore {\n  add(order: Order) {}\n}\n",
    'src/order.ts': 'export interface Order { id: string }\n',
    'src/store.spec.ts': "import { OrderStore } from './store';\nit('adds', () => new OrderStore());\n",
    'logo.png': Buffer.from([0, 1, 2]),
  });
  const commit = repo.commit('Orders');
  afterAll(() => repo.cleanup());

  it('summarises an indexed file with its resolved imports, importers and tests', async () => {
    const intel = await RepositoryIntelligence.open({ repo: repo.path, rev: commit, cacheDirectory: null });
    expect(intel.getFileSummary('src/store.ts')?.text).toBe(
      [
        'src/store.ts (typescript, 6 lines)',
        '1: import ./order { Order } → src/order.ts',
        '4-6: export class OrderStore',
        '5-5:   export method add',
        'imported by: src/store.spec.ts',
        'tests: src/store.spec.ts',
      ].join('\n'),
    );
    expect(intel.getFileSummary('./src/order.ts')?.importedBy).toEqual(['src/store.ts']);
    expect(intel.getFileSummary('logo.png')?.text).toBe('logo.png (unknown language, 0 lines)\nnot indexed: binary');
    expect(intel.getFileSummary('missing.ts')).toBeNull();
  });

  it('outlines content that is not committed, for languages with a grammar', async () => {
    const summary = await summariseSource(
      'app/views.py',
      'from .models import User\n\nclass UserView:\n    def get(self, request):\n        return User()\n',
    );
    expect(summary?.text).toBe(
      'app/views.py (python, 5 lines)\n1: import .models { User }\n3-5: export class UserView\n4-5:   export method get',
    );
    expect(await summariseSource('notes.md', '# Notes\n')).toBeNull();
  });
});
