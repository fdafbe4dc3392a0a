import type { RepositorySettings } from '@patchbay/contracts';

/**
 * A repository as `GET /repositories` returns it. The gateway declares this view in its own
 * library, not in @patchbay/contracts, so it is written out here from the settings contract.
 */
export interface RepositoryView {
  id: string;
  fullName: string;
  source: 'github' | 'local';
  defaultBranch: string;
  allowed: boolean;
  settings: Required<Omit<RepositorySettings, 'env'>> & { env: Record<string, string> };
  createdAt: string;
}
