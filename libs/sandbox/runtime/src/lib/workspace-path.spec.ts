import { isInsideWorkspace, toRelativeWorkspacePath, toWorkspacePath, WorkspacePathError } from './workspace-path';

describe('toWorkspacePath', () => {
  it.each([
    ['src/index.ts', '/workspace/src/index.ts'],
    ['./src//a.ts', '/workspace/src/a.ts'],
    ['.', '/workspace'],
    ['/workspace', '/workspace'],
    ['/workspace/pkg/', '/workspace/pkg'],
  ])('confines %s to %s', (input, expected) => {
    expect(toWorkspacePath(input)).toBe(expected);
  });

  it.each([
    ['../etc/passwd', '".."'],
    ['src/../../etc', '".."'],
    ['src/..', '".."'],
    ['/etc/shadow', 'outside /workspace'],
    ['/workspace-other/x', 'outside /workspace'],
    ['/', 'outside /workspace'],
    ['a\u0000b', 'control characters'],
    ['', 'must not be empty'],
  ])('refuses %j', (input, message) => {
    expect(() => toWorkspacePath(input)).toThrow(WorkspacePathError);
    expect(() => toWorkspacePath(input)).toThrow(message);
  });
});

describe('isInsideWorkspace', () => {
  it('accepts the root and its descendants only', () => {
    expect(isInsideWorkspace('/workspace')).toBe(true);
    expect(isInsideWorkspace('/workspace/a/b')).toBe(true);
    expect(isInsideWorkspace('/workspacex')).toBe(false);
    expect(isInsideWorkspace('/etc')).toBe(false);
  });
});

describe('toRelativeWorkspacePath', () => {
  it('strips the root', () => {
    expect(toRelativeWorkspacePath('/workspace')).toBe('.');
    expect(toRelativeWorkspacePath('/workspace/a/b.ts')).toBe('a/b.ts');
  });
});
