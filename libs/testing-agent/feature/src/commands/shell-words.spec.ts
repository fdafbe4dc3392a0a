import { isSimpleCommand, joinWords, simpleCommandWords, splitCommandList } from './shell-words';

describe('splitCommandList', () => {
  it('splits on && and ; outside quotes', () => {
    expect(splitCommandList('pnpm lint && vitest run')).toEqual(['pnpm lint', 'vitest run']);
    expect(splitCommandList(`tsc; eslint "src/**/*.ts" && echo 'a && b;'`)).toEqual([
      'tsc',
      'eslint "src/**/*.ts"',
      "echo 'a && b;'",
    ]);
    expect(splitCommandList('jest --config ${CONFIG:-jest.config.js}')).toEqual([
      'jest --config ${CONFIG:-jest.config.js}',
    ]);
  });

  it('refuses what running the parts one by one would change: pipes, ||, redirections, subshells, substitutions, comments', () => {
    for (const command of [
      'jest | tee log',
      'jest || true',
      'jest > out.txt',
      'jest 2>&1',
      '(cd a && jest)',
      'jest $(cat files)',
      'jest `ls`',
      'jest &',
      'jest # all',
      'a &&& b',
      'jest\nmocha',
      "echo 'open",
    ]) {
      expect(splitCommandList(command)).toBeNull();
    }
  });
});

describe('simpleCommandWords', () => {
  it('keeps quotes in the raw word and removes them from its value', () => {
    const words = simpleCommandWords(`NODE_ENV=test mocha "test/a b.js" --grep 'x y'`);
    expect(words?.map((word) => word.value)).toEqual(['NODE_ENV=test', 'mocha', 'test/a b.js', '--grep', 'x y']);
    expect(joinWords(words ?? [])).toBe(`NODE_ENV=test mocha "test/a b.js" --grep 'x y'`);
    expect(isSimpleCommand('a && b')).toBe(false);
  });
});
