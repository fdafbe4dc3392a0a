import {
  startFakeGithubOAuth,
  startGatewayTestApp,
  uniqueName,
  type FakeGithubOAuth,
  type GatewayTestApp,
} from '@patchbay/testing';

describe('GitHub OAuth sign-in against a local GitHub OAuth server', () => {
  let github: FakeGithubOAuth;
  let gw: GatewayTestApp;

  beforeAll(async () => {
    github = await startFakeGithubOAuth();
    gw = await startGatewayTestApp({
      env: {
        AUTH_MODE: 'github',
        GITHUB_CLIENT_ID: github.clientId,
        GITHUB_CLIENT_SECRET: github.clientSecret,
        GITHUB_API_URL: github.baseUrl,
        PUBLIC_URL: 'http://patchbay.test',
        DEFAULT_ORGANISATION: uniqueName('gh-org'),
      },
    });
  });

  afterAll(async () => {
    await gw.close();
    await github.close();
  });

  async function startFlow(): Promise<{ state: string; location: URL }> {
    const redirect = await gw.http.get('/api/v1/auth/github').expect(302);
    const location = new URL(redirect.headers['location']);
    return { state: location.searchParams.get('state') ?? '', location };
  }

  it('redirects to the authorize page with the client id, callback and a signed state', async () => {
    const { state, location } = await startFlow();
    expect(`${location.origin}${location.pathname}`).toBe(`${github.baseUrl}/login/oauth/authorize`);
    expect(location.searchParams.get('client_id')).toBe(github.clientId);
    expect(location.searchParams.get('redirect_uri')).toBe('http://patchbay.test/api/v1/auth/github/callback');
    expect(state.length).toBeGreaterThan(20);
  });

  it('exchanges the code, reads the user, and signs them in; the first user is admin', async () => {
    const { state } = await startFlow();
    const login = uniqueName('octo');
    const code = github.authorize({ id: 4242, login, name: 'Octo Cat', avatar_url: 'https://avatars.example/4242' });
    const session = await gw.http.get('/api/v1/auth/github/callback').query({ code, state }).expect(200);
    expect(session.body.user).toMatchObject({ login, role: 'admin' });
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /login/oauth/access_token', 'GET /user']),
    );
    const me = await gw.http.get('/api/v1/auth/me').set('authorization', `Bearer ${session.body.token}`).expect(200);
    expect(me.body.login).toBe(login);
    const expiresInHours = (new Date(session.body.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(expiresInHours).toBeGreaterThan(23.9);
    expect(expiresInHours).toBeLessThanOrEqual(24);
  });

  it('refuses a reused or unknown code, and a forged state', async () => {
    const { state } = await startFlow();
    const code = github.authorize({ id: 7, login: uniqueName('reuse'), name: null, avatar_url: '' });
    await gw.http.get('/api/v1/auth/github/callback').query({ code, state }).expect(200);
    const reused = await gw.http.get('/api/v1/auth/github/callback').query({ code, state }).expect(400);
    expect(reused.body.message).toContain('GitHub refused the sign-in code');
    const forged = await gw.http
      .get('/api/v1/auth/github/callback')
      .query({ code: github.authorize({ id: 8, login: 'x', name: null, avatar_url: '' }), state: 'forged' })
      .expect(401);
    expect(forged.body.message).toBe('The sign-in attempt expired or was tampered with; start again');
  });

  it('refuses dev login when AUTH_MODE=github', async () => {
    const response = await gw.http.post('/api/v1/auth/dev-login').send({ login: 'ada' }).expect(403);
    expect(response.body.message).toBe('Dev login is disabled: this gateway runs with AUTH_MODE=github');
  });
});
