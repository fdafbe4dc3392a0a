export type { ReadinessCheck } from '@patchbay/nest-common';

/** The host's checks beyond the database and the bus (all-in-one: the sandbox engine). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
