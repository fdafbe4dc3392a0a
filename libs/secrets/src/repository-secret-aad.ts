/** What a repository's sealed secret env value is bound to: its repository and its name, so a value cannot be moved to another. */
export function repositorySecretAad(repositoryId: string, name: string): string {
  return JSON.stringify(['patchbay/repository-secret-env/v1', repositoryId, name]);
}
