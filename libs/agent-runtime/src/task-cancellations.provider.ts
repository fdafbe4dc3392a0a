import { type FactoryProvider, Logger } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { TaskCancellations } from './task-cancellations';

/**
 * Provides an agent's TaskCancellations, already listening for the gateway's TaskCancelled
 * broadcast when the agent's handlers start, so its services get it injected instead of building
 * one.
 */
export function taskCancellationsProvider(agent: string): FactoryProvider<TaskCancellations> {
  return {
    provide: TaskCancellations,
    inject: [MESSAGE_BUS],
    useFactory: async (bus: MessageBus) => {
      const cancellations = new TaskCancellations(bus, new Logger(TaskCancellations.name), agent);
      await cancellations.listen();
      return cancellations;
    },
  };
}
