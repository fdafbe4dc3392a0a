import { randomBytes } from 'node:crypto';
import { LocalKeyProvider, openFromText, repositorySecretAad } from '@patchbay/secrets';
import {
  asDatabaseOwner,
  createGitRepository,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

/** Secret environment variables of a repository: sealed at rest, write-only through the API. */
describe('repository secret environment', () => {
  const keyProvider = new LocalKeyProvider(randomBytes(32));
  let gateway: GatewayTestApp;
  let admin: string;
  let viewer: string;
  let repositoryId: string;

  beforeAll(async () => {
    gateway = await startGatewayTestApp({ keyProviders: [keyProvider] });
    const organisation = uniqueName('org');
    admin = (await gateway.login(uniqueName('admin'), organisation)).token;
    viewer = (await gateway.login(uniqueName('viewer'), organisation)).token;
    const created = await gateway.http
      .post('/api/v1/repositories')
      .set('authorization', `Bearer ${admin}`)
      .send({
        source: 'local',
        fullName: 'acme/secrets',
        importFrom: createGitRepository(),
        settings: { env: { NODE_ENV: 'test' }, secretEnv: { NPM_TOKEN: 'npm_0123456789abcdef' } },
      })
      .expect(201);
    repositoryId = created.body.id as string;
  }, 60_000);

  afterAll(() => gateway?.close());

  it('returns the names of secrets and never their values, to admins and viewers alike', async () => {
    for (const token of [admin, viewer]) {
      const response = await gateway.http
        .get(`/api/v1/repositories/${repositoryId}`)
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      expect(response.body.settings.secretEnvNames).toEqual(['NPM_TOKEN']);
      expect(JSON.stringify(response.body)).not.toContain('npm_0123456789abcdef');
    }
  });

  it('stores the value sealed, bound to this repository and name', async () => {
    const row = await asDatabaseOwner(
      async (db) =>
        (await db.query('SELECT secret_env FROM repositories WHERE id = $1', [repositoryId])).rows[0] as {
          secret_env: Record<string, string>;
        },
    );
    expect(JSON.stringify(row.secret_env)).not.toContain('npm_0123456789abcdef');
    await expect(
      openFromText([keyProvider], row.secret_env['NPM_TOKEN'], repositorySecretAad(repositoryId, 'NPM_TOKEN')),
    ).resolves.toBe('npm_0123456789abcdef');
    await expect(
      openFromText([keyProvider], row.secret_env['NPM_TOKEN'], repositorySecretAad(repositoryId, 'OTHER_NAME')),
    ).rejects.toThrow();
  });

  it('replaces, adds and removes only the names a change mentions', async () => {
    const before = await asDatabaseOwner(
      async (db) =>
        (await db.query('SELECT secret_env FROM repositories WHERE id = $1', [repositoryId])).rows[0]
          .secret_env as Record<string, string>,
    );
    const added = await gateway.http
      .patch(`/api/v1/repositories/${repositoryId}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ settings: { secretEnv: { DEPLOY_KEY: 'k3y-value' } } })
      .expect(200);
    expect(added.body.settings.secretEnvNames).toEqual(['DEPLOY_KEY', 'NPM_TOKEN']);
    const after = await asDatabaseOwner(
      async (db) =>
        (await db.query('SELECT secret_env FROM repositories WHERE id = $1', [repositoryId])).rows[0]
          .secret_env as Record<string, string>,
    );
    expect(after['NPM_TOKEN']).toBe(before['NPM_TOKEN']);
    const removed = await gateway.http
      .patch(`/api/v1/repositories/${repositoryId}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ settings: { secretEnv: { NPM_TOKEN: null } } })
      .expect(200);
    expect(removed.body.settings.secretEnvNames).toEqual(['DEPLOY_KEY']);
    expect(removed.body.settings.env).toEqual({ NODE_ENV: 'test' });
  });

  it('answers bad names and empty values with a 400, and viewers with a 403', async () => {
    const badName = await gateway.http
      .patch(`/api/v1/repositories/${repositoryId}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ settings: { secretEnv: { 'npm-token': 'x' } } })
      .expect(400);
    expect(badName.body.message).toContain('settings.secretEnv.npm-token');
    await gateway.http
      .patch(`/api/v1/repositories/${repositoryId}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ settings: { secretEnv: { EMPTY: '' } } })
      .expect(400);
    await gateway.http
      .patch(`/api/v1/repositories/${repositoryId}`)
      .set('authorization', `Bearer ${viewer}`)
      .send({ settings: { secretEnv: { X: 'y' } } })
      .expect(403);
  });
});
