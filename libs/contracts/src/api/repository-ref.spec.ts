import { repositoryRefSchema } from './repository-ref';
import { registerRepositoryRequestSchema } from './repository.api';

const message = (value: unknown): string | undefined => {
  const result = repositoryRefSchema.safeParse(value);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
};

describe('repositoryRefSchema', () => {
  it.each([
    // Names as GitHub sends them (from @octokit/webhooks-examples) and as the test fixtures make them.
    'Codertocat/Hello-World',
    'octo-org/octo-repo',
    'Codertocat/hello-world-npm',
    'wolfy1339/octoherd-script-replace-pika-with-esbuild',
    'electron/electron',
    'octo-1a2b3c4d/greeter',
    'acme/widgets',
    'a/b',
    'owner_1/repo.name',
    'owner/name.',
    'owner/na..me',
    // GitHub's organisation-profile and dotfiles repositories: a name may start with a dot.
    'octo-org/.github',
    'ada/.dotfiles',
    `${'o'.repeat(100)}/${'n'.repeat(100)}`,
  ])('accepts %s', (value) => {
    expect(repositoryRefSchema.parse(value)).toBe(value);
  });

  it.each([
    ['../shared', 'the owner cannot be "." or ".."'],
    ['./shared', 'the owner cannot be "." or ".."'],
    ['acme/..', 'the name cannot be "." or ".."'],
    ['acme/.', 'the name cannot be "." or ".."'],
    ['acme/.git', 'the name cannot be ".git"'],
    ['.hidden/repo', 'the owner cannot start with "."'],
    ['../../etc/passwd', 'exactly two names separated by one "/" (got 3 "/")'],
    ['acme/widgets/extra', 'exactly two names separated by one "/" (got 2 "/")'],
    ['widgets', 'exactly two names separated by one "/" (got 0 "/")'],
    ['/widgets', 'the owner is empty'],
    ['acme/', 'the name is empty'],
    ['acme\\..\\x/y', 'the owner may contain only letters, digits, "-", "_" and "."'],
    ['acme/wid gets', 'the name may contain only letters, digits, "-", "_" and "."'],
    ['acme/%2e%2e', 'the name may contain only letters, digits, "-", "_" and "."'],
    [`acme/${'n'.repeat(101)}`, 'the name is longer than 100 characters'],
  ])('refuses %s: %s', (value, problem) => {
    expect(message(value)).toBe(`repository must be "owner/name": ${problem}`);
  });

  it('names the field and the problem in a register request', () => {
    const result = registerRepositoryRequestSchema.safeParse({
      source: 'local',
      fullName: '../shared',
      importFrom: '/srv/git/shared',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['fullName'],
        message: 'repository must be "owner/name": the owner cannot be "." or ".."',
      }),
    ]);
  });
});
