import { EventEmitter } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import type { NewTaskEvent, TaskEvent } from '@patchbay/contracts';
import { TaskEventRepository, type TaskEventEntity } from '@patchbay/persistence';
import { splitCommandOutput } from './command-output-attachment';
import { toTaskEvent } from './task-event-view';

export type TaskEventListener = (event: TaskEvent) => void;

/** The channel every event this gateway stored or was told of is emitted on, whichever task it belongs to (task ids are strings). */
const EVERY_TASK = Symbol('every task');
/** The channel that tells subscribers that announcements may have been missed (the database connection came back). */
const RESUMED = Symbol('announcements resumed');
/** How many recently broadcast `taskId:seq` keys are remembered, so an announcement of one is not read back again. */
const RECENT_KEYS = 10_000;

/**
 * The task event stream. Events are persisted first and broadcast only afterwards, so anything a
 * subscriber sees live can also be replayed; subscribers de-duplicate by `seq`.
 *
 * Two ways an event reaches this gateway's subscribers (ADR 0025): `broadcast`, for an event this
 * gateway stored or was handed by the bus — task subscribers and `subscribeAll` hear it — and
 * `broadcastAnnounced`, for the database's announcement of any stored event, whichever process
 * stored it — task subscribers only, so that reactions (`subscribeAll`) happen once, on the one
 * gateway that stored the event or consumed its notice.
 */
@Injectable()
export class TaskEventsService {
  private readonly logger = new Logger(TaskEventsService.name);
  private readonly emitter = new EventEmitter();
  /** `taskId:seq` of events recently broadcast here, oldest first (a Set keeps insertion order). */
  private readonly recent = new Set<string>();

  constructor(private readonly events: TaskEventRepository) {
    // One listener per open WebSocket subscription; the default cap of 10 is far too low.
    this.emitter.setMaxListeners(0);
  }

  /** Persists and broadcasts an event in its own transaction. */
  async raise(event: NewTaskEvent): Promise<TaskEvent> {
    const persisted = toTaskEvent(await this.events.append(event));
    this.broadcast(persisted);
    return persisted;
  }

  /**
   * An event an agent raised over the bus: dropped (null) once the task is cancelled, the
   * backstop behind the agents' own cancellation, so the log ends at the cancelled status.
   */
  async raiseFromAgent(raised: NewTaskEvent): Promise<TaskEvent | null> {
    const { event, attachment } = splitCommandOutput(raised);
    const appended = await this.events.appendUnlessCancelled(event, attachment);
    if (!appended) {
      this.logger.debug({
        msg: 'event for a cancelled task dropped',
        taskId: raised.taskId,
        type: raised.type,
        agent: raised.agent,
      });
      return null;
    }
    const persisted = toTaskEvent(appended);
    this.broadcast(persisted);
    return persisted;
  }

  /** Broadcasts an event persisted by a transaction that has committed (a status change, ADR 0020). */
  broadcastRecorded(event: TaskEventEntity): TaskEvent {
    const persisted = toTaskEvent(event);
    this.broadcast(persisted);
    return persisted;
  }

  /**
   * An event another service persisted itself and named over the bus: read back and broadcast.
   * Null when there is no such event (a notice about a row that was never committed).
   */
  async broadcastStored(eventId: string): Promise<TaskEvent | null> {
    const stored = await this.events.findById(eventId);
    return stored ? this.broadcastRecorded(stored) : null;
  }

  broadcast(event: TaskEvent): void {
    this.remember(event);
    this.emitter.emit(event.taskId, event);
    this.emitter.emit(EVERY_TASK, event);
  }

  /**
   * The database announced that the task's event `seq` is stored, perhaps by another gateway or
   * the supervisor: read back and passed to the task's subscribers here, unless none listens or it
   * was broadcast here already. Not to `subscribeAll`: whoever stored the event reacts to it.
   */
  async broadcastAnnounced(taskId: string, seq: number): Promise<void> {
    if (this.emitter.listenerCount(taskId) === 0 || this.recent.has(`${taskId}:${seq}`)) return;
    const [stored] = await this.events.listAfter(taskId, seq - 1, 1);
    if (stored?.seq !== seq) return;
    const event = toTaskEvent(stored);
    this.remember(event);
    this.emitter.emit(taskId, event);
  }

  /** Announcements may have been missed (the listening connection was lost): every subscriber reads what it lacks. */
  announcementsResumed(): void {
    this.emitter.emit(RESUMED);
  }

  async listAfter(taskId: string, afterSeq: number, limit: number): Promise<TaskEvent[]> {
    return (await this.events.listAfter(taskId, afterSeq, limit)).map(toTaskEvent);
  }

  async seqOfEvent(eventId: string): Promise<{ taskId: string; seq: number } | null> {
    const event = await this.events.findById(eventId);
    return event ? { taskId: event.taskId, seq: event.seq } : null;
  }

  organisationOfTask(taskId: string): Promise<string | null> {
    return this.events.organisationOfTask(taskId);
  }

  /** One task's events as they are persisted (a WebSocket subscription). */
  subscribe(taskId: string, listener: TaskEventListener): () => void {
    this.emitter.on(taskId, listener);
    return () => this.emitter.off(taskId, listener);
  }

  /** Called when announcements may have been missed, so a subscriber catches up from the database. */
  subscribeResumed(listener: () => void): () => void {
    this.emitter.on(RESUMED, listener);
    return () => this.emitter.off(RESUMED, listener);
  }

  /**
   * Every task's events as they are persisted by this gateway (or named to it by the supervisor), for services that react to what happens to tasks
   * (GithubTaskNotifier) instead of being called from each place that raises an event. The
   * listener runs synchronously inside `broadcast`: it must not throw, and slow work it starts
   * must not be awaited there.
   */
  subscribeAll(listener: TaskEventListener): () => void {
    this.emitter.on(EVERY_TASK, listener);
    return () => this.emitter.off(EVERY_TASK, listener);
  }

  private remember(event: TaskEvent): void {
    this.recent.add(`${event.taskId}:${event.seq}`);
    if (this.recent.size > RECENT_KEYS) this.recent.delete(this.recent.values().next().value ?? '');
  }
}
