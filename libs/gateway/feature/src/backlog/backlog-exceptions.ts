import { ConflictException, NotFoundException } from '@nestjs/common';

export class BacklogProjectNotFoundException extends NotFoundException {
  constructor(id: string) {
    super(`No backlog project with id ${id}`);
  }
}

/**
 * A patch made against another version of the tree than the current one (ADR 0035): a 409
 * naming both, with `currentVersion` for the client to reload and propose again.
 */
export class BacklogStaleVersionException extends ConflictException {
  constructor(baseVersion: number, currentVersion: number) {
    super({
      message: `The patch was made against version ${baseVersion} of the tree, but the project is at version ${currentVersion}; ask for a new proposal against the current tree.`,
      currentVersion,
    });
  }
}
