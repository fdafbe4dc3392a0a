import path from 'node:path';
import { envBoolean, envPort } from '@patchbay/config';
import { budgetDefaultsEnvSchema } from '@patchbay/contracts';
import { modelChoicesEnvSchema } from './timeline/model-choices';
import { z } from 'zod';

export const gatewayConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: envPort.default(3000),
    /** Listen address; unset = 127.0.0.1 with AUTH_MODE=dev (anyone reaching dev login is anyone), else 0.0.0.0. */
    HOST: z.string().min(1).optional(),
    /** Public address of the dashboard/API, used in OAuth redirects and printed at start. */
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
      .optional(),
    BUS_DRIVER: z.enum(['rabbitmq', 'in-process']).default('in-process'),
    AMQP_URL: z
      .string()
      .regex(/^amqps?:\/\//, 'AMQP_URL must be an amqp:// URL')
      .optional(),
    AUTH_MODE: z.enum(['dev', 'github']).default('dev'),
    /** Lets dev login answer non-loopback clients: only for a port published on loopback (docker-compose). */
    DEV_LOGIN_ALLOW_REMOTE: envBoolean.default(false),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
    SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(24),
    DEFAULT_ORGANISATION: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
      .default('default'),
    GITHUB_CLIENT_ID: z.string().optional(),
    GITHUB_CLIENT_SECRET: z.string().optional(),
    /** GitHub's API root; set for GitHub Enterprise (https://ghe.example.com/api/v3). */
    GITHUB_API_URL: z.url().default('https://api.github.com'),
    /** How long a webhook body, once seen, is refused under a new delivery id (the id is not signed). */
    GITHUB_WEBHOOK_REPLAY_WINDOW_HOURS: z.coerce.number().int().min(1).max(8_760).default(24),
    KEY_PROVIDER: z.enum(['local', 'kms']).default('local'),
    PATCHBAY_MASTER_KEY: z.string().optional(),
    KMS_KEY_ID: z.string().optional(),
    KMS_ENDPOINT: z.url().optional(),
    AWS_REGION: z.string().default('us-east-1'),
    /** Where the local forge keeps bare repositories and the platform its files. */
    DATA_DIR: z.string().default('.patchbay'),
    /**
     * Directories a repository may be imported from by path, separated by "," or ":". Empty (the
     * default) refuses every path import except the offline demo's own source directory. Each is
     * compared by real path, so a symlink inside a root cannot lead out of it; DATA_DIR is never a
     * source, whatever the roots say.
     */
    FORGE_IMPORT_ROOTS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(/[,:]/)
          .map((root) => root.trim())
          .filter((root) => root.length > 0),
      )
      .superRefine((roots, ctx) => {
        const relative = roots.find((root) => !path.isAbsolute(root));
        if (relative !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: `FORGE_IMPORT_ROOTS must list absolute paths; "${relative}" is not one`,
          });
      }),
    /** Also accept ssh:// import URLs (no identity and no agent are ever offered: public repositories only). */
    FORGE_IMPORT_ALLOW_SSH: envBoolean.default(false),
    /** Let import URLs reach private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7); loopback and link-local stay refused. */
    FORGE_IMPORT_ALLOW_PRIVATE_HOSTS: envBoolean.default(false),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(kb|mb)$/, 'BODY_LIMIT must look like 256kb or 1mb')
      .default('256kb'),
    CORS_ORIGINS: z.string().optional(),
    SWAGGER_ENABLED: envBoolean.default(true),
    /** Serve the dashboard build's `*.map` files; off, they answer 404 (they reveal the full source). */
    SERVE_SOURCE_MAPS: envBoolean.default(false),
    /** BUDGET_* defaults (docs/operations.md); the services that call models read the same variables. */
    ...budgetDefaultsEnvSchema.shape,
    /** The models a fork may choose (ADR 0036). */
    ...modelChoicesEnvSchema.shape,
  })
  .superRefine((config, ctx) => {
    if (config.BUS_DRIVER === 'rabbitmq' && !config.AMQP_URL) {
      ctx.addIssue({ code: 'custom', path: ['AMQP_URL'], message: 'AMQP_URL is required when BUS_DRIVER=rabbitmq' });
    }
    if (config.AUTH_MODE === 'github' && (!config.GITHUB_CLIENT_ID || !config.GITHUB_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['GITHUB_CLIENT_ID'],
        message: 'GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are required when AUTH_MODE=github',
      });
    }
    if (config.NODE_ENV === 'production' && config.AUTH_MODE === 'dev') {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'AUTH_MODE=dev lets anyone sign in under any name; use AUTH_MODE=github in production',
      });
    }
    if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET is required in production' });
    }
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
