import { Injectable } from '@nestjs/common';
import type { UsageRecorded } from '@patchbay/contracts';
import { UsageRepository } from '@patchbay/persistence';

/** The usage (tokens, cost, time) of each model call, as the agents report it. */
@Injectable()
export class UsageService {
  constructor(private readonly usage: UsageRepository) {}

  /** Stores one report; a redelivered report (same callId) is stored once. */
  record(report: UsageRecorded): Promise<void> {
    return this.usage.insert(report);
  }
}
