import path from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The directory that holds every organisation's bare repositories. */
export function forgeRoot(dataDir: string): string {
  return path.resolve(dataDir, 'forge');
}

/**
 * Where a repository's bare copy lives: `DATA_DIR/forge/<organisation id>/<repository id>.git`.
 * Built from ids only, never from the repository's name, so no text a user or GitHub chose can
 * steer two repositories onto one directory or a path outside the forge.
 */
export function forgeRepositoryPath(dataDir: string, organisationId: string, repositoryId: string): string {
  if (!UUID.test(organisationId) || !UUID.test(repositoryId)) {
    throw new Error(
      `forge paths are built from ids; got organisation "${organisationId}", repository "${repositoryId}"`,
    );
  }
  return path.join(forgeRoot(dataDir), organisationId.toLowerCase(), `${repositoryId.toLowerCase()}.git`);
}
