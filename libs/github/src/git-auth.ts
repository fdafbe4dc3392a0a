/**
 * Environment that makes git send an installation token as HTTP basic auth for one command.
 * GIT_CONFIG_COUNT/KEY/VALUE (git ≥ 2.31) keep the token out of the command line (visible in
 * `ps`), out of `.git/config`, out of remote URLs and therefore out of anything pushed or logged.
 */
export function gitAuthEnv(token: string): Record<string, string> {
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraHeader',
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}
