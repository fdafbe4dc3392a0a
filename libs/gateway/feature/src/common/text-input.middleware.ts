import type { NextFunction, Request, Response } from 'express';
import { errorBody } from '@patchbay/nest-common';

/** Deeper than any request the API defines; deeper input is refused before anything walks it. */
const MAX_DEPTH = 32;
/** A NUL, or a UTF-16 surrogate without its partner (JSON can spell both; PostgreSQL stores neither). */
const INVALID_TEXT_SOURCE = '\\u0000|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const INVALID_TEXT = new RegExp(INVALID_TEXT_SOURCE);
const INVALID_TEXT_ALL = new RegExp(INVALID_TEXT_SOURCE, 'g');

type Finding = { path: string; problem: 'invalid-text' | 'too-deep' };

/**
 * Refuses request bodies and query strings that carry text no field of the API accepts: NUL
 * characters and unpaired surrogates. They are valid JSON, but PostgreSQL rejects them deep inside
 * a query (a 500), git and the model treat them unpredictably, and no legitimate client sends them.
 * Checked once for every route, so no schema can forget; the answer names the field.
 */
export function textInputMiddleware(request: Request, response: Response, next: NextFunction): void {
  const finding = findInvalid(request.body, 'body') ?? findInvalid(request.query, 'query');
  if (!finding) return next();
  const message =
    finding.problem === 'too-deep'
      ? `${finding.path}: nested more than ${MAX_DEPTH} levels deep`
      : `${finding.path}: text must not contain NUL characters or unpaired UTF-16 surrogates`;
  // The field's name may itself hold the bad text; echoing it back would hand the client invalid JSON text.
  response.status(400).json(errorBody(400, message.replace(INVALID_TEXT_ALL, '\ufffd')));
}

/** Iterative, so a hostile nesting depth cannot exhaust the stack. */
function findInvalid(root: unknown, rootPath: string): Finding | undefined {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: rootPath, depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (INVALID_TEXT.test(value)) return { path, problem: 'invalid-text' };
      continue;
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_DEPTH) return { path, problem: 'too-deep' };
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
      if (INVALID_TEXT.test(key)) return { path: childPath, problem: 'invalid-text' };
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}
