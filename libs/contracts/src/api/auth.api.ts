import { z } from 'zod';
import { ROLES } from '../roles';

export const devLoginRequestSchema = z.strictObject({
  login: z
    .string({ error: 'login must be a string' })
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'login must be 1-39 letters, digits or dashes'),
  organisation: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional(),
});
export type DevLoginRequest = z.infer<typeof devLoginRequestSchema>;

export const githubCallbackQuerySchema = z.object({
  code: z.string().min(1).max(200),
  state: z.string().min(1).max(500),
});

export interface SessionView {
  token: string;
  expiresAt: string;
  user: { id: string; login: string; organisationId: string; role: (typeof ROLES)[number] };
}

export const changeRoleRequestSchema = z.strictObject({ role: z.enum(ROLES) });
