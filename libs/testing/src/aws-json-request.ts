import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';

/**
 * Reading the JSON body of a request to a local AWS stand-in (KMS, Polly): size-capped, parsed as
 * an object, string fields checked. Each service names its own errors, so the failures come back
 * in that service's shapes (`MalformedType` is what it calls a body that is not the JSON it wants).
 */
export class AwsJsonRequest<MalformedType extends string> {
  constructor(
    private readonly fail: (type: 'ValidationException' | MalformedType, message: string) => Error,
    private readonly malformedType: MalformedType,
    private readonly maxBodyBytes: number,
  ) {}

  header(req: IncomingMessage | Http2ServerRequest, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  async readBody(req: IncomingMessage | Http2ServerRequest): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > this.maxBodyBytes) throw this.fail('ValidationException', 'Request body is too large');
      chunks.push(buffer);
    }
    return Buffer.concat(chunks);
  }

  parseJsonObject(raw: Buffer): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      throw this.fail(this.malformedType, 'Request body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw this.fail(this.malformedType, 'Request body must be a JSON object');
    return parsed as Record<string, unknown>;
  }

  /** A field AWS requires; missing or empty fails with AWS's own wording (the member in lower camel case). */
  requiredString(body: Record<string, unknown>, field: string): string {
    const value = this.optionalString(body, field);
    if (value === undefined || value === '') {
      throw this.fail(
        'ValidationException',
        `1 validation error detected: Value null at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`,
      );
    }
    return value;
  }

  optionalString(body: Record<string, unknown>, field: string): string | undefined {
    const value = body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.fail(this.malformedType, `${field} must be a string`);
    return value;
  }
}
