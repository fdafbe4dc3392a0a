import { FixtureRepository } from '../testing/fixture-repository';
import { historyCases } from './history-cases';
import { localizationMetrics, quantile } from './localization-metrics';

describe('historyCases', () => {
  const repo = FixtureRepository.create({
    'src/a.ts': 'export const a = 1;\n',
    'src/b.ts': 'export const b = 1;\n',
    'README.md': '# x\n',
  });
  const root = repo.commit('Initial import of the project');
  afterAll(() => repo.cleanup());

  it('keeps commits that change 1–4 source files with a message of a few words, gold = files present in the parent', async () => {
    repo.write({
      'src/a.ts': 'export const a = 2;\n',
      'src/c.ts': 'export const c = 1;\n',
      'src/a.spec.ts': 'it("a", () => {});\n',
    });
    const mixed = repo.commit('Change a and add c with a test');
    repo.write({ 'README.md': '# y\n' });
    repo.commit('Only documentation changes here today');
    repo.write({ 'src/b.ts': 'export const b = 2;\n' });
    repo.commit('fix b');
    repo.write({ 'src/a.spec.ts': 'it("a2", () => {});\n' });
    repo.commit('Only the test changes in this commit');
    repo.write(Object.fromEntries(['d', 'e', 'f', 'g', 'h'].map((n) => [`src/${n}.ts`, `export const ${n} = 1;\n`])));
    repo.write({ 'src/b.ts': 'export const b = 3;\n' });
    repo.commit('Five new files and one change is too many');
    const cases = await historyCases(repo.path, 'HEAD');
    expect(cases).toEqual([
      { commit: mixed, parent: root, query: 'Change a and add c with a test', gold: ['src/a.ts'], added: ['src/c.ts'] },
    ]);
  });
});

describe('localizationMetrics', () => {
  it('computes Acc@1, Recall@5/10 and all-gold-in-top-10', () => {
    const metrics = localizationMetrics([
      { ranked: ['a', 'b', 'c'], gold: ['a'] },
      { ranked: ['x', 'y', 'z', 'w', 'v', 'b', 'c'], gold: ['b', 'q'] },
    ]);
    expect(metrics).toEqual({ cases: 2, accAt1: 0.5, recallAt5: 0.5, recallAt10: 0.75, allGoldInTop10: 0.5 });
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([5, 1, 3, 2, 4], 0.95)).toBe(5);
  });
});
