import {
  asDatabaseOwner,
  createGitRepository,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

/** A repository's lint mode: off, auto (found in the repository) or its lint command. */
describe('repository lint mode', () => {
  let gateway: GatewayTestApp;
  let admin: string;

  beforeAll(async () => {
    gateway = await startGatewayTestApp();
    admin = (await gateway.login(uniqueName('admin'), uniqueName('org'))).token;
  }, 60_000);

  afterAll(() => gateway?.close());

  const register = (settings: Record<string, unknown> = {}) =>
    gateway.http
      .post('/api/v1/repositories')
      .set('authorization', `Bearer ${admin}`)
      .send({ source: 'local', fullName: `acme/${uniqueName('lint')}`, importFrom: createGitRepository(), settings });
  const patch = (id: string, settings: Record<string, unknown>) =>
    gateway.http.patch(`/api/v1/repositories/${id}`).set('authorization', `Bearer ${admin}`).send({ settings });

  it('finds the linter by default, and keeps the mode in the database', async () => {
    const created = await register().expect(201);
    expect(created.body.settings).toMatchObject({ lintMode: 'auto', lintCommand: null });
    const row = await asDatabaseOwner(
      async (db) =>
        (await db.query('SELECT lint_mode FROM repositories WHERE id = $1', [created.body.id])).rows[0] as {
          lint_mode: string;
        },
    );
    expect(row.lint_mode).toBe('auto');
  });

  it('runs a lint command given without a mode (as clients before the setting expect), and goes back to auto when it is cleared', async () => {
    const created = await register({ lintCommand: 'npm run lint:ci' }).expect(201);
    expect(created.body.settings).toMatchObject({ lintMode: 'command', lintCommand: 'npm run lint:ci' });
    const cleared = await patch(created.body.id, { lintCommand: null }).expect(200);
    expect(cleared.body.settings).toMatchObject({ lintMode: 'auto', lintCommand: null });
  });

  it('turns lint off while keeping the command, and refuses command mode without a command', async () => {
    const created = await register({ lintCommand: 'eslint .' }).expect(201);
    const off = await patch(created.body.id, { lintMode: 'off' }).expect(200);
    expect(off.body.settings).toMatchObject({ lintMode: 'off', lintCommand: 'eslint .' });
    const refused = await patch(created.body.id, { lintMode: 'command', lintCommand: null }).expect(400);
    expect(refused.body.message).toContain('lintMode "command" needs a lintCommand');
    await register({ lintMode: 'command' }).expect(400);
    const badMode = await patch(created.body.id, { lintMode: 'sometimes' }).expect(400);
    expect(badMode.body.message).toContain('settings.lintMode');
  });
});
