import type {
  SandboxInfo,
  SandboxKillReason,
  SandboxLimits,
  SandboxNetworkMode,
  SandboxState,
  SnapshotInfo,
} from '@patchbay/contracts';
import type { BlockedEgressLog } from './blocked-egress-log';
import type { DependencyReuse } from './warm-environment/warm-environment.service';

/** The service's in-memory view of one live sandbox. */
export interface SandboxRecord {
  id: string;
  taskId: string;
  containerId: string;
  image: string;
  runtime: string;
  network: SandboxNetworkMode;
  limits: SandboxLimits;
  /** Environment given at create, applied to every command (warm containers predate it). */
  env: Record<string, string>;
  state: SandboxState;
  baseCommit: string;
  createdAt: Date;
  /** When the expiry timer kills it; moved by `PUT /expiry`, never past `deadline`. */
  expiresAt: Date;
  /** Hard deadline, also on the container's expires-at label, which every instance's reaper honours. */
  deadline: Date;
  fromWarmPool: boolean;
  killReason: SandboxKillReason | null;
  egressIp: string | null;
  runningCommands: Map<string, string>;
  snapshots: SnapshotInfo[];
  blockedEgress: BlockedEgressLog;
  /** The repository whose package cache and warm environments this sandbox uses (ADR 0033), or null. */
  dependencyReuse: DependencyReuse | null;
  /** Resolves once the container has stopped, whatever stopped it. */
  stopped: Promise<void>;
  expiryTimer: NodeJS.Timeout | null;
  /** Gives back the sandbox's slot (SANDBOX_MAX_ACTIVE) once it stops running; idempotent. */
  releaseSlot: () => void;
}

export function toSandboxInfo(record: SandboxRecord): SandboxInfo {
  return {
    id: record.id,
    taskId: record.taskId,
    image: record.image,
    runtime: record.runtime,
    network: record.network,
    limits: record.limits,
    state: record.state,
    baseCommit: record.baseCommit,
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt.toISOString(),
    fromWarmPool: record.fromWarmPool,
    killReason: record.killReason,
  };
}
