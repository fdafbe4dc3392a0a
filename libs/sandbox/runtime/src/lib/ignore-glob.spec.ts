import { compileIgnoreGlobs } from './ignore-glob';

describe('compileIgnoreGlobs', () => {
  it('matches a bare name at any depth, with everything below it', () => {
    const ignored = compileIgnoreGlobs(['node_modules']);
    expect(ignored('node_modules')).toBe(true);
    expect(ignored('node_modules/a/index.js')).toBe(true);
    expect(ignored('packages/x/node_modules/y.js')).toBe(true);
    expect(ignored('src/node_modules_like.ts')).toBe(false);
  });

  it('keeps * inside one segment and lets ** cross segments', () => {
    const ignored = compileIgnoreGlobs(['*.log', 'build/**/*.map']);
    expect(ignored('debug.log')).toBe(true);
    expect(ignored('logs/debug.log')).toBe(true);
    expect(ignored('build/a/b/c.js.map')).toBe(true);
    expect(ignored('src/c.js.map')).toBe(false);
  });

  it('anchors patterns that contain a slash', () => {
    const ignored = compileIgnoreGlobs(['src/generated']);
    expect(ignored('src/generated/x.ts')).toBe(true);
    expect(ignored('lib/src/generated/x.ts')).toBe(false);
  });

  it('ignores nothing without patterns', () => {
    expect(compileIgnoreGlobs([])('anything')).toBe(false);
  });
});
