import { Injectable } from '@nestjs/common';
import { SandboxGoneError, SandboxNotFoundError } from './sandbox-errors';
import type { SandboxRecord } from './sandbox-record';

/** Live sandboxes of this service instance, by id. */
@Injectable()
export class SandboxRegistry {
  private readonly records = new Map<string, SandboxRecord>();

  add(record: SandboxRecord): void {
    this.records.set(record.id, record);
  }

  remove(id: string): void {
    this.records.delete(id);
  }

  find(id: string): SandboxRecord | undefined {
    return this.records.get(id);
  }

  get(id: string): SandboxRecord {
    const record = this.records.get(id);
    if (!record) throw new SandboxNotFoundError(id);
    return record;
  }

  /** A sandbox that can still run commands; a dead one answers 409 with the reason it died. */
  getRunning(id: string): SandboxRecord {
    const record = this.get(id);
    if (record.state !== 'running') throw new SandboxGoneError(id, record.killReason);
    return record;
  }

  findByContainer(containerId: string): SandboxRecord | undefined {
    for (const record of this.records.values()) if (record.containerId === containerId) return record;
    return undefined;
  }

  all(): SandboxRecord[] {
    return [...this.records.values()];
  }
}
