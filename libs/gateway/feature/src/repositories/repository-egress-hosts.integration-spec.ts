import { createGitRepository, startGatewayTestApp, uniqueName, type GatewayTestApp } from '@patchbay/testing';

/** A repository's allowed egress hosts (ADR 0032): admins change them, everyone reads them. */
describe('repository allowed egress hosts', () => {
  let gateway: GatewayTestApp;
  let admin: string;
  let viewer: string;
  let otherAdmin: string;
  let repositoryId: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    gateway = await startGatewayTestApp();
    const organisation = uniqueName('org');
    admin = (await gateway.login(uniqueName('admin'), organisation)).token;
    viewer = (await gateway.login(uniqueName('viewer'), organisation)).token;
    otherAdmin = (await gateway.login(uniqueName('admin'), uniqueName('org'))).token;
    const created = await gateway.http
      .post('/api/v1/repositories')
      .set(as(admin))
      .send({ source: 'local', fullName: 'acme/egress', importFrom: createGitRepository() })
      .expect(201);
    repositoryId = created.body.id as string;
    expect(created.body.egressAllowedHosts).toEqual([]);
  }, 60_000);

  afterAll(() => gateway?.close());

  it('lets only an admin of the organisation replace the list, which every member then reads', async () => {
    const put = (token: string, hosts: unknown) =>
      gateway.http.put(`/api/v1/repositories/${repositoryId}/egress-allowed-hosts`).set(as(token)).send({ hosts });

    expect((await put(viewer, ['pkg.example.com'])).status).toBe(403);
    expect((await put(otherAdmin, ['pkg.example.com'])).status).toBe(404);
    expect((await put(admin, ['169.254.169.254'])).body).toMatchObject({
      statusCode: 422,
      message: 'hosts: 169.254.169.254 is a link-local address; sandboxes may never reach it',
    });
    expect((await put(admin, ['LOCALHOST:8080'])).body.message).toBe(
      'hosts: localhost is this machine; sandboxes may never reach it',
    );
    expect((await put(admin, 'pkg.example.com')).status).toBe(400);

    const saved = await put(admin, ['Pkg.Example.com', 'pkg.example.com:443', 'mirror.example.org:8443']).expect(200);
    expect(saved.body).toEqual({ id: repositoryId, hosts: ['pkg.example.com:443', 'mirror.example.org:8443'] });
    const read = await gateway.http.get(`/api/v1/repositories/${repositoryId}`).set(as(viewer)).expect(200);
    expect(read.body.egressAllowedHosts).toEqual(['pkg.example.com:443', 'mirror.example.org:8443']);

    await put(admin, []).expect(200);
    const cleared = await gateway.http.get(`/api/v1/repositories/${repositoryId}`).set(as(viewer)).expect(200);
    expect(cleared.body.egressAllowedHosts).toEqual([]);
  });
});
