import { BadRequestException } from '@nestjs/common';

/** Opaque keyset cursor: the (createdAt, id) of the last task on the previous page. */
export function encodeTaskCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeTaskCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new BadRequestException('cursor is not one this API issued');
  }
  return { createdAt, id };
}
