import { z } from 'zod';
import { SERVICE_NAMES } from '../message-patterns';

/** An audit entry a service asks the gateway (the keeper of the hash chain) to append. */
export const auditRequestedSchema = z.object({
  service: z.enum(SERVICE_NAMES),
  organisationId: z.uuid().nullable(),
  action: z.string().min(1).max(100),
  targetType: z.string().min(1).max(50),
  targetId: z.string().max(200).nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRequested = z.infer<typeof auditRequestedSchema>;
