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
  /** JSON of the sandbox's limits, so a restarted service can adopt the container (ADR 0039). */
  limits: 'org.patchbay.sandbox.limits',
  /** JSON of the extra egress hosts it was given, likewise. */
  egressAllowHosts: 'org.patchbay.sandbox.egress-allow-hosts',
} as const;

/** Task id carried by warm-pool containers until they are claimed. */
export const POOL_TASK_ID = '-pool-';
