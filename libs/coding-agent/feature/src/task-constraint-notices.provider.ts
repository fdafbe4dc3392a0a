import { type FactoryProvider, Logger } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { TaskConstraintNotices } from './task-constraint-notices';

/** The coding agent's TaskConstraintNotices, already listening when its handlers start. */
export const taskConstraintNoticesProvider: FactoryProvider<TaskConstraintNotices> = {
  provide: TaskConstraintNotices,
  inject: [MESSAGE_BUS],
  useFactory: async (bus: MessageBus) => {
    const notices = new TaskConstraintNotices(bus, new Logger(TaskConstraintNotices.name));
    await notices.listen();
    return notices;
  },
};
