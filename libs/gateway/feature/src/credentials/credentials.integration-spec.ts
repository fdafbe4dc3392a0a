import { randomBytes } from 'node:crypto';
import { KmsKeyProvider, LocalKeyProvider, type KeyProvider } from '@patchbay/secrets';
import {
  asDatabaseOwner,
  startFakeKms,
  startGatewayTestApp,
  uniqueName,
  type FakeKms,
  type GatewayTestApp,
} from '@patchbay/testing';
import { CredentialsService } from './credentials.service';

const API_KEY = 'sk-live-4f9c2a7e1b3d5f6a8c0e2b4d6f8a1c3e';

describe.each([
  ['a local AES-256-GCM master key', 'local'],
  ['AWS KMS envelope encryption (local KMS server)', 'kms'],
] as const)('model credentials sealed with %s (real Postgres)', (_label, kind) => {
  let kms: FakeKms | undefined;
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string; organisationId: string };

  beforeAll(async () => {
    let provider: KeyProvider;
    if (kind === 'kms') {
      kms = await startFakeKms();
      provider = new KmsKeyProvider({
        keyId: kms.keyId,
        region: 'us-east-1',
        endpoint: kms.endpoint,
        credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret' },
      });
    } else {
      provider = new LocalKeyProvider(randomBytes(32));
    }
    gw = await startGatewayTestApp({ keyProviders: [provider] });
    admin = await gw.login(uniqueName('admin'), uniqueName('org'));
  });

  afterAll(async () => {
    await gw.close();
    await kms?.close();
  });

  it('stores the key encrypted, shows only its last four characters, and decrypts it for use', async () => {
    const stored = await gw.http
      .post('/api/v1/credentials')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ owner: 'organisation', provider: 'openai', apiKey: API_KEY })
      .expect(201);
    expect(stored.body).toMatchObject({ owner: 'organisation', provider: 'openai', keyLastFour: '1c3e' });
    expect(JSON.stringify(stored.body)).not.toContain(API_KEY.slice(0, 12));
    const listed = await gw.http.get('/api/v1/credentials').set('authorization', `Bearer ${admin.token}`).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(API_KEY.slice(0, 12));

    const row = await asDatabaseOwner(
      async (db) =>
        (await db.query('SELECT * FROM model_credentials WHERE id = $1', [stored.body.id])).rows[0] as Record<
          string,
          unknown
        >,
    );
    const everything = Object.values(row)
      .map((value) => (Buffer.isBuffer(value) ? value.toString('latin1') : String(value)))
      .join('|');
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain(API_KEY.slice(8, 24));
    expect(row['key_provider']).toBe(kind);

    const service = gw.app.get(CredentialsService);
    await expect(service.resolveApiKey(admin.organisationId, admin.userId, 'openai')).resolves.toBe(API_KEY);
    if (kms)
      expect(kms.requests.map((r) => r.operation)).toEqual(expect.arrayContaining(['GenerateDataKey', 'Decrypt']));
  });

  it('refuses to open a ciphertext moved onto another organisation’s row', async () => {
    const other = await gw.login(uniqueName('other'), uniqueName('org'));
    await gw.http
      .post('/api/v1/credentials')
      .set('authorization', `Bearer ${other.token}`)
      .send({ owner: 'organisation', provider: 'anthropic', apiKey: 'sk-other-0000000000000000' })
      .expect(201);
    await asDatabaseOwner((db) =>
      db.query(
        `UPDATE model_credentials AS target SET ciphertext = source.ciphertext, iv = source.iv, auth_tag = source.auth_tag, encrypted_data_key = source.encrypted_data_key
       FROM model_credentials AS source WHERE source.organisation_id = $1 AND source.provider = 'openai' AND target.organisation_id = $2`,
        [admin.organisationId, other.organisationId],
      ),
    );
    await asDatabaseOwner((db) =>
      db.query("UPDATE model_credentials SET provider = 'openai' WHERE organisation_id = $1", [other.organisationId]),
    );
    await expect(
      gw.app.get(CredentialsService).resolveApiKey(other.organisationId, other.userId, 'openai'),
    ).rejects.toThrow();
  });
});

describe('model credential base URLs (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; organisationId: string };
  let developer: { token: string };

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
  });

  afterAll(() => gw.close());

  const store = (baseUrl: string) =>
    gw.http
      .post('/api/v1/credentials')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ owner: 'organisation', provider: 'openai', apiKey: API_KEY, baseUrl });
  const listAsDeveloper = async () =>
    (await gw.http.get('/api/v1/credentials').set('authorization', `Bearer ${developer.token}`).expect(200))
      .body as Array<{ id: string; baseUrl: string | null }>;

  it('refuses a baseUrl carrying a user name or password, without echoing it, and stores nothing', async () => {
    for (const baseUrl of [
      'https://user:secret@llm.example.com/v1',
      'https://token-in-user@llm.example.com/v1',
      'https://:secret@llm.example.com/v1',
    ]) {
      const refused = await store(baseUrl).expect(400);
      expect(refused.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'baseUrl: baseUrl must not contain a user name or password: put secrets in apiKey, not in baseUrl',
      });
    }
    expect(await listAsDeveloper()).toEqual([]);
  });

  it('accepts a plain baseUrl and shows it as given', async () => {
    const stored = await store('https://llm.example.com/v1').expect(201);
    expect(stored.body.baseUrl).toBe('https://llm.example.com/v1');
  });

  it('never shows the user information of a baseUrl stored before the check existed', async () => {
    const stored = await store('https://llm.example.com/v2').expect(201);
    await asDatabaseOwner((db) =>
      db.query("UPDATE model_credentials SET base_url = 'https://user:secret@llm.example.com/v2' WHERE id = $1", [
        stored.body.id,
      ]),
    );
    const listed = await listAsDeveloper();
    expect(listed.find((credential) => credential.id === stored.body.id)?.baseUrl).toBe('https://llm.example.com/v2');
    expect(JSON.stringify(listed)).not.toContain('secret');
  });
});
