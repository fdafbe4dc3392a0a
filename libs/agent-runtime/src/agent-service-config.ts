import { envPort } from '@patchbay/config';
import { z } from 'zod';

/** What every agent service needs: where its health endpoint listens and how it reaches the bus. */
export const agentServiceConfigSchema = z
  .object({
    HEALTH_PORT: envPort.default(0),
    /** 127.0.0.1 keeps the endpoint local; 0.0.0.0 lets an orchestrator's probes and Prometheus reach it. */
    HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
    BUS_DRIVER: z.enum(['rabbitmq', 'in-process']).default('rabbitmq'),
    AMQP_URL: z
      .string()
      .regex(/^amqps?:\/\//, 'AMQP_URL must be an amqp:// URL')
      .optional(),
  })
  .superRefine((config, ctx) => {
    if (config.BUS_DRIVER === 'rabbitmq' && !config.AMQP_URL) {
      ctx.addIssue({ code: 'custom', path: ['AMQP_URL'], message: 'AMQP_URL is required when BUS_DRIVER=rabbitmq' });
    }
  });

export type AgentServiceConfig = z.infer<typeof agentServiceConfigSchema>;
