import { z } from 'zod';
import { ROLES } from '../roles';

export const devLoginRequestSchema = z.strictObject({
  login: z
    .string({ error: 'login must be a string' })
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'login must be 1-39 letters, digits or dashes'),
  organisation: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .optional(),
});
export type DevLoginRequest = z.infer<typeof devLoginRequestSchema>;

export const githubCallbackQuerySchema = z.object({
  code: z.string().min(1).max(200),
  state: z.string().min(1).max(500),
});

/** What sign-in answers (`POST /auth/dev-login`, the GitHub callback); the dashboard keeps it in local storage. */
export const sessionViewSchema = z.object({
  token: z.string().min(1),
  expiresAt: z.string(),
  user: z.object({ id: z.string(), login: z.string(), organisationId: z.string(), role: z.enum(ROLES) }),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/** `GET /auth/me`: the signed-in user and their current role in the session's organisation. */
export const meViewSchema = z.object({
  userId: z.string(),
  login: z.string(),
  organisationId: z.string(),
  role: z.enum(ROLES),
});
export type MeView = z.infer<typeof meViewSchema>;

export const changeRoleRequestSchema = z.strictObject({ role: z.enum(ROLES) });
