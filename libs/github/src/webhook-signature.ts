import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks `X-Hub-Signature-256`: HMAC-SHA256 of the exact raw body bytes, compared in constant
 * time. It runs on the bytes as received — before any JSON parsing — because a decoded and
 * re-encoded body need not be byte-identical to what GitHub signed.
 */
export function isValidWebhookSignature(secret: string, rawBody: Buffer, signatureHeader: string | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/.exec(signatureHeader ?? '');
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}
