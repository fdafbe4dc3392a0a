import { sign } from '@octokit/webhooks-methods';
import { isValidWebhookSignature } from './webhook-signature';

describe('isValidWebhookSignature', () => {
  const secret = 'a-webhook-secret-for-tests';
  const body = Buffer.from('{"action":"labeled","issue":{"title":"café ☕"}}');

  it('accepts the signature GitHub (here: @octokit/webhooks-methods) computes over the raw body', async () => {
    expect(isValidWebhookSignature(secret, body, await sign(secret, body.toString('utf8')))).toBe(true);
  });

  it('refuses a signature made with another secret, over another body, or malformed', async () => {
    expect(isValidWebhookSignature(secret, body, await sign('another-secret-entirely', body.toString('utf8')))).toBe(
      false,
    );
    expect(
      isValidWebhookSignature(
        secret,
        Buffer.concat([body, Buffer.from(' ')]),
        await sign(secret, body.toString('utf8')),
      ),
    ).toBe(false);
    expect(isValidWebhookSignature(secret, body, undefined)).toBe(false);
    expect(isValidWebhookSignature(secret, body, 'sha1=abc')).toBe(false);
    expect(isValidWebhookSignature(secret, body, `sha256=${'0'.repeat(63)}`)).toBe(false);
  });
});
