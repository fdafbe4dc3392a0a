/** Docker labels on every sandbox container; the reaper and the warm pool find containers by them. */
export const SANDBOX_LABELS = {
  managed: 'org.patchbay.sandbox',
  id: 'org.patchbay.sandbox.id',
  taskId: 'org.patchbay.sandbox.task-id',
  owner: 'org.patchbay.sandbox.owner',
  image: 'org.patchbay.sandbox.image',
  network: 'org.patchbay.sandbox.network',
  createdAt: 'org.patchbay.sandbox.created-at',
  expiresAt: 'org.patchbay.sandbox.expires-at',
  pooled: 'org.patchbay.sandbox.pooled',
} as const;

/** Task id carried by warm-pool containers until they are claimed. */
export const POOL_TASK_ID = '-pool-';
