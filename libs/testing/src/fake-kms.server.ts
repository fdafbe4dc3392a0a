import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsJsonRequest } from './aws-json-request';

/**
 * A local stand-in for AWS KMS speaking its JSON 1.1 protocol, so the real `@aws-sdk/client-kms`
 * client can be exercised end to end without AWS. It really encrypts: each key has an in-memory
 * AES-256 master, and ciphertext blobs are authenticated together with their encryption context,
 * so a wrong context fails the way KMS fails (InvalidCiphertextException).
 *
 * Implements GenerateDataKey and Decrypt; shapes follow
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html and API_Decrypt.html.
 */

export interface FakeKmsRequest {
  /** The `X-Amz-Target` header as sent, e.g. `TrentService.Decrypt`. */
  target: string;
  /** `target` without the service prefix, e.g. `Decrypt`. */
  operation: string;
  /** True when a SigV4 `Authorization` header came with the request (any signature is accepted). */
  signed: boolean;
  keyId?: string;
  encryptionContext?: Record<string, string>;
  status: number;
}

export interface FakeKms {
  /** Base URL for the SDK's `endpoint` option. */
  endpoint: string;
  /** The key ARN, which is what KMS reports as `KeyId` in responses. */
  keyId: string;
  /** An alias that also resolves to the key. */
  alias: string;
  region: string;
  requests: FakeKmsRequest[];
  close(): Promise<void>;
}

export interface FakeKmsOptions {
  region?: string;
  accountId?: string;
  alias?: string;
}

type KmsErrorType =
  | 'NotFoundException'
  | 'InvalidCiphertextException'
  | 'IncorrectKeyException'
  | 'ValidationException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'MissingAuthenticationTokenException';

class KmsError extends Error {
  constructor(
    readonly type: KmsErrorType,
    message: string,
  ) {
    super(message);
  }
}

interface FakeKey {
  id: string;
  arn: string;
  master: Buffer;
}

const TARGET_PREFIX = 'TrentService.';
const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
const BLOB_MAGIC = Buffer.from('FKMS\x01', 'latin1');
const KEY_ID_BYTES = 36;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_BODY_BYTES = 1024 * 1024;
/** Request parsing shared with the other AWS stand-ins; malformed JSON is KMS's SerializationException. */
const request = new AwsJsonRequest<'SerializationException'>(
  (type, message) => new KmsError(type, message),
  'SerializationException',
  MAX_BODY_BYTES,
);

export async function startFakeKms(options: FakeKmsOptions = {}): Promise<FakeKms> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '111122223333';
  const alias = options.alias ?? 'alias/patchbay-test';
  const id = randomUUID();
  const key: FakeKey = { id, arn: `arn:aws:kms:${region}:${accountId}:key/${id}`, master: randomBytes(32) };
  const keys = new Map<string, FakeKey>([[key.id, key]]);
  const aliases = new Map<string, string>([[alias, key.id]]);
  const requests: FakeKmsRequest[] = [];

  const resolveKey = (keyId: string): FakeKey => {
    const bareAlias =
      keyId.startsWith('arn:') && keyId.includes(':alias/') ? keyId.slice(keyId.indexOf(':alias/') + 1) : keyId;
    const resolvedId =
      aliases.get(bareAlias) ?? (keyId.startsWith('arn:') ? keyId.slice(keyId.lastIndexOf('/') + 1) : keyId);
    const found = keys.get(resolvedId);
    if (!found) throw new KmsError('NotFoundException', `Key '${keyId}' does not exist`);
    return found;
  };

  const operations: Record<string, (body: Record<string, unknown>, record: FakeKmsRequest) => Record<string, unknown>> =
    {
      GenerateDataKey(body, record) {
        const keyId = request.requiredString(body, 'KeyId');
        record.keyId = keyId;
        const context = encryptionContext(body);
        record.encryptionContext = context;
        const target = resolveKey(keyId);
        const plaintext = randomBytes(dataKeyLength(body));
        return {
          CiphertextBlob: encryptBlob(target, plaintext, context).toString('base64'),
          Plaintext: plaintext.toString('base64'),
          KeyId: target.arn,
        };
      },
      Decrypt(body, record) {
        const blob = Buffer.from(request.requiredString(body, 'CiphertextBlob'), 'base64');
        const context = encryptionContext(body);
        record.encryptionContext = context;
        const requestedKeyId = request.optionalString(body, 'KeyId');
        record.keyId = requestedKeyId;
        const algorithm = request.optionalString(body, 'EncryptionAlgorithm');
        if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT') {
          throw new KmsError(
            'ValidationException',
            `EncryptionAlgorithm ${algorithm} is not valid for a symmetric key`,
          );
        }
        const parsed = parseBlob(blob);
        const owner = keys.get(parsed.keyId);
        if (!owner)
          throw new KmsError('InvalidCiphertextException', 'The ciphertext refers to a key that does not exist');
        if (requestedKeyId !== undefined && resolveKey(requestedKeyId).id !== owner.id) {
          throw new KmsError(
            'IncorrectKeyException',
            'The key ID in the request does not identify a KMS key that can perform this operation.',
          );
        }
        return {
          Plaintext: decryptBlob(owner, parsed, context).toString('base64'),
          KeyId: owner.arn,
          EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        };
      },
    };

  const server = createServer((req, res) => {
    void handle(req, res, operations, requests);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    keyId: key.arn,
    alias,
    region,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // SDK clients keep connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  operations: Record<string, (body: Record<string, unknown>, record: FakeKmsRequest) => Record<string, unknown>>,
  requests: FakeKmsRequest[],
): Promise<void> {
  const target = request.header(req, 'x-amz-target') ?? '';
  const authorization = request.header(req, 'authorization');
  const record: FakeKmsRequest = {
    target,
    operation: target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target,
    signed: authorization?.startsWith('AWS4-HMAC-SHA256 ') ?? false,
    status: 200,
  };
  requests.push(record);
  try {
    const raw = await request.readBody(req);
    if (req.method !== 'POST' || (req.url ?? '/') !== '/') {
      throw new KmsError('UnknownOperationException', `${req.method ?? ''} ${req.url ?? ''} is not a KMS operation`);
    }
    if (!record.signed) throw new KmsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    const operation = target.startsWith(TARGET_PREFIX) ? operations[record.operation] : undefined;
    if (!operation)
      throw new KmsError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`);
    send(res, 200, operation(request.parseJsonObject(raw), record));
  } catch (error) {
    const kmsError = error instanceof KmsError ? error : new KmsError('ValidationException', 'Internal fake KMS error');
    record.status = 400;
    res.setHeader('x-amzn-ErrorType', kmsError.type);
    send(res, 400, { __type: kmsError.type, message: kmsError.message });
  }
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(payload),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(payload);
}

function encryptionContext(body: Record<string, unknown>): Record<string, string> {
  const value = body['EncryptionContext'];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new KmsError('SerializationException', 'EncryptionContext must be a map');
  const context: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry !== 'string')
      throw new KmsError('SerializationException', `EncryptionContext value for ${name} must be a string`);
    context[name] = entry;
  }
  return context;
}

function dataKeyLength(body: Record<string, unknown>): number {
  const keySpec = request.optionalString(body, 'KeySpec');
  const numberOfBytes = body['NumberOfBytes'];
  if (keySpec !== undefined && numberOfBytes !== undefined) {
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  if (keySpec === 'AES_256') return 32;
  if (keySpec === 'AES_128') return 16;
  if (keySpec !== undefined) {
    throw new KmsError(
      'ValidationException',
      `1 validation error detected: Value '${keySpec}' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]`,
    );
  }
  if (
    typeof numberOfBytes === 'number' &&
    Number.isInteger(numberOfBytes) &&
    numberOfBytes >= 1 &&
    numberOfBytes <= 1024
  )
    return numberOfBytes;
  throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
}

/** Order-independent, as in KMS: the same pairs in any order authenticate the same ciphertext. */
function canonicalContext(context: Record<string, string>): Buffer {
  const sorted = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(sorted), 'utf8');
}

function encryptBlob(key: FakeKey, plaintext: Buffer, context: Record<string, string>): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.master, iv);
  cipher.setAAD(canonicalContext(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([BLOB_MAGIC, Buffer.from(key.id, 'latin1'), iv, cipher.getAuthTag(), ciphertext]);
}

interface ParsedBlob {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function parseBlob(blob: Buffer): ParsedBlob {
  const header = BLOB_MAGIC.length + KEY_ID_BYTES + IV_BYTES + TAG_BYTES;
  if (blob.length <= header || !blob.subarray(0, BLOB_MAGIC.length).equals(BLOB_MAGIC)) {
    throw new KmsError('InvalidCiphertextException', 'The ciphertext is not a valid KMS ciphertext blob');
  }
  let offset = BLOB_MAGIC.length;
  const keyId = blob.subarray(offset, (offset += KEY_ID_BYTES)).toString('latin1');
  const iv = blob.subarray(offset, (offset += IV_BYTES));
  const tag = blob.subarray(offset, (offset += TAG_BYTES));
  return { keyId, iv, tag, ciphertext: blob.subarray(offset) };
}

function decryptBlob(key: FakeKey, blob: ParsedBlob, context: Record<string, string>): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key.master, blob.iv);
  decipher.setAAD(canonicalContext(context));
  decipher.setAuthTag(blob.tag);
  try {
    return Buffer.concat([decipher.update(blob.ciphertext), decipher.final()]);
  } catch {
    // KMS gives no detail here either: a wrong context and a corrupted blob look the same.
    throw new KmsError('InvalidCiphertextException', '');
  }
}
