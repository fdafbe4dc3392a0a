import { envPort } from '@patchbay/config';
import { z } from 'zod';

/** What every agent service needs: where its health endpoint listens and how it reaches the bus. */
export const agentServiceConfigSchema = z
  .object({
    HEALTH_PORT: envPort.default(0),
    BUS_DRIVER: z.enum(['rabbitmq', 'in-process']).default('rabbitmq'),
    AMQP_URL: z.string().regex(/^amqps?:\/\//, 'AMQP_URL must be an amqp:// URL').optional(),
  })
  .superRefine((config, ctx) => {
    if (config.BUS_DRIVER === 'rabbitmq' && !config.AMQP_URL) {
      ctx.addIssue({ code: 'custom', path: ['AMQP_URL'], message: 'AMQP_URL is required when BUS_DRIVER=rabbitmq' });
    }
  });

export type AgentServiceConfig = z.infer<typeof agentServiceConfigSchema>;
