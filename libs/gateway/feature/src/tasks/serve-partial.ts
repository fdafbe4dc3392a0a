import { HttpException, HttpStatus, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { byteRange } from './byte-range';

/**
 * Answers a stored body with byte-range support, which media elements use to seek and to read a
 * file's end before playing it: 206 with Content-Range for a satisfiable range, 416 (naming the
 * size) for one past the end, 200 with the whole body otherwise. Every answer says ranges work.
 */
export function servePartial(
  content: Buffer,
  contentType: string,
  rangeHeader: string | undefined,
  response: Response,
): StreamableFile {
  response.setHeader('Accept-Ranges', 'bytes');
  const answer = byteRange(rangeHeader, content.length);
  if (answer.kind === 'unsatisfiable') {
    response.setHeader('Content-Range', `bytes */${content.length}`);
    throw new HttpException(
      {
        statusCode: 416,
        error: 'Range Not Satisfiable',
        message: `The range ${rangeHeader ?? ''} starts past the end of the ${content.length}-byte file`,
      },
      HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
    );
  }
  if (answer.kind === 'full') return new StreamableFile(content, { type: contentType, length: content.length });
  response.status(HttpStatus.PARTIAL_CONTENT);
  response.setHeader('Content-Range', `bytes ${answer.start}-${answer.end}/${content.length}`);
  return new StreamableFile(content.subarray(answer.start, answer.end + 1), {
    type: contentType,
    length: answer.end - answer.start + 1,
  });
}
