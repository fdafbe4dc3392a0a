import { BadRequestException } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque keyset cursor: the (createdAt, id) of the last task on the previous page. */
export function encodeTaskCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

/**
 * Accepts only a cursor this API could have issued: it must re-encode to itself. That rules out
 * dates JavaScript accepts but PostgreSQL cannot store (year 275760, "+010000-…"), trailing
 * fields and non-canonical encodings, any of which would otherwise reach the query.
 */
export function decodeTaskCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  const plausible =
    id !== undefined &&
    rest.length === 0 &&
    UUID.test(id) &&
    !Number.isNaN(createdAt.getTime()) &&
    createdAt.getUTCFullYear() <= 9999;
  if (!plausible || encodeTaskCursor(createdAt, id) !== cursor) {
    throw new BadRequestException('cursor is not one this API issued');
  }
  return { createdAt, id };
}
