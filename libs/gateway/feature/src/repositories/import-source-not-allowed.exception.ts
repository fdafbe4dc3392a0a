import { UnprocessableEntityException } from '@nestjs/common';

/**
 * The one answer to every import that does not happen — a path that does not exist or lies
 * outside the roots, a symlink escape, a refused scheme or host, a failed clone. One text for all
 * of them, so the API cannot be used to probe which directories exist or which ports listen.
 * The reason goes to the server log.
 */
export const IMPORT_SOURCE_NOT_ALLOWED =
  "importFrom is not an allowed import source: use an https:// git URL of a public host, or a git repository under one of the server's import roots (FORGE_IMPORT_ROOTS); the server log says why";

export class ImportSourceNotAllowedException extends UnprocessableEntityException {
  constructor() {
    super(IMPORT_SOURCE_NOT_ALLOWED);
  }
}
