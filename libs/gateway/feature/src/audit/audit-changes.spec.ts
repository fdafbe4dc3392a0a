import { collectAuditChanges, diffForAudit, noteAuditChanges, type AuditChange } from './audit-changes';

describe('audit changes', () => {
  it('lists the fields that differ, nested settings by their path, unchanged ones left out', () => {
    expect(
      diffForAudit(
        { allowed: true, settings: { testCommand: 'npm test', maxRounds: 3, env: { A: '1' } } },
        { allowed: false, settings: { testCommand: 'npm run test:ci', maxRounds: 3, env: { A: '1', B: '2' } } },
      ),
    ).toEqual([
      { field: 'allowed', from: true, to: false },
      { field: 'settings.testCommand', from: 'npm test', to: 'npm run test:ci' },
      { field: 'settings.env', from: { A: '1' }, to: { A: '1', B: '2' } },
    ]);
  });

  it('reports a field that appears or disappears with null on the missing side', () => {
    expect(diffForAudit({ usd: 5 }, { tokens: 1000 })).toEqual([
      { field: 'tokens', from: null, to: 1000 },
      { field: 'usd', from: 5, to: null },
    ]);
  });

  it('collects notes made anywhere inside the request, across awaits, and ignores notes made outside one', async () => {
    noteAuditChanges([{ field: 'outside', from: 1, to: 2 }]);
    const changes: AuditChange[] = [];
    await collectAuditChanges(changes, async () => {
      // A timer, not a resolved promise: the note is made in a later macrotask, as after real I/O.
      await new Promise((resolve) => setTimeout(resolve, 1));
      noteAuditChanges([{ field: 'role', from: 'developer', to: 'viewer' }]);
    });
    expect(changes).toEqual([{ field: 'role', from: 'developer', to: 'viewer' }]);
  });
});
