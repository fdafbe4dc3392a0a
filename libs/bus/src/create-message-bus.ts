import { InProcessBus } from './in-process.bus';
import type { MessageBus, RetryPolicy } from './message-bus';
import { RabbitMqBus } from './rabbitmq.bus';

export type BusDriver = 'rabbitmq' | 'in-process';

export interface BusSettings {
  driver: BusDriver;
  amqpUrl?: string;
  retryPolicy?: RetryPolicy;
}

export function createMessageBus(settings: BusSettings): MessageBus {
  if (settings.driver === 'in-process') return new InProcessBus(settings.retryPolicy);
  if (!settings.amqpUrl) throw new Error('AMQP_URL is required when BUS_DRIVER=rabbitmq');
  return new RabbitMqBus(settings.amqpUrl, settings.retryPolicy);
}
