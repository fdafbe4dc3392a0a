import { NotFoundException } from '@nestjs/common';

export class TaskNotFoundException extends NotFoundException {
  constructor(id: string) {
    super(`No task with id ${id}`);
  }
}
