import { patchbayBranchName } from './branch-name';

describe('patchbayBranchName', () => {
  it('stamps the UTC time and slugs the title', () => {
    expect(patchbayBranchName('Fix the failing test in src/greet.ts!', new Date('2026-11-21T13:04:05Z'))).toBe(
      'patchbay/20261121-130405-fix-the-failing-test-in-src-greet-ts',
    );
  });

  it('survives titles with nothing sluggable or far too long', () => {
    expect(patchbayBranchName('!!!', new Date('2026-01-02T03:04:05Z'))).toBe('patchbay/20260102-030405-change');
    expect(patchbayBranchName('a'.repeat(200)).length).toBeLessThanOrEqual('patchbay/20260102-030405-'.length + 40);
  });

  it("ends with the task's first six hex digits when given, so same-second twins differ", () => {
    const at = new Date('2026-11-21T13:04:05Z');
    expect(patchbayBranchName('Fix it', at, '04c29206-157d-4b48-bffa-486240913490')).toBe(
      'patchbay/20261121-130405-fix-it-04c292',
    );
    expect(patchbayBranchName('Fix it', at, '99ba1908-265f-4a43-b352-95e46c51fe1f')).not.toBe(
      patchbayBranchName('Fix it', at, '04c29206-157d-4b48-bffa-486240913490'),
    );
  });
});
