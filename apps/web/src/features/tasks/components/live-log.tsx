import { AGENT_NAMES, TASK_EVENT_TYPES, type TaskEvent } from '@patchbay/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../../ui/button';
import type { StreamState } from '../api/task-event-stream';
import { attemptStarts, commandOutputOf, producingRunOf } from '../lib/command-runs';
import { describeEvent, exitCodeOf } from '../types/task-event-payloads';
import { CommandOutputPanel } from './command-output-panel';

const AGENT_COLOURS: Record<string, string> = {
  gateway: 'text-sky-300',
  supervisor: 'text-fuchsia-300',
  'coding-agent': 'text-emerald-300',
  'testing-agent': 'text-amber-300',
  'github-agent': 'text-violet-300',
  'research-agent': 'text-cyan-300',
  sandbox: 'text-orange-300',
};

const STREAM_LABELS: Record<StreamState, { text: string; tone: string }> = {
  connecting: { text: 'connecting…', tone: 'bg-slate-500' },
  live: { text: 'live', tone: 'bg-emerald-400' },
  reconnecting: { text: 'reconnecting…', tone: 'bg-amber-400' },
  closed: { text: 'disconnected', tone: 'bg-rose-500' },
};

export interface LiveLogProps {
  events: readonly TaskEvent[];
  streamState: StreamState;
  streamError: string | null;
}

const selectClass =
  'rounded border border-slate-700 bg-slate-900 px-1.5 py-1 text-xs text-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-400';

export function LiveLog({ events, streamState, streamError }: LiveLogProps) {
  const [agent, setAgent] = useState('all');
  const [type, setType] = useState('all');
  const [following, setFollowing] = useState(true);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const starts = useMemo(() => attemptStarts(events), [events]);
  const toggle = (seq: number, open?: boolean) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (open ?? !next.has(seq)) next.add(seq);
      else next.delete(seq);
      return next;
    });
  // A test result's link opens the run it came from and brings it into view.
  const showRun = (seq: number) => {
    toggle(seq, true);
    setFollowing(false);
    const element = scroller.current;
    const line = element?.querySelector(`[data-seq="${seq}"]`);
    // The scroller is the lines' offset parent (it is positioned), so offsetTop is within it.
    if (element && line instanceof HTMLElement)
      element.scrollTop = Math.max(0, line.offsetTop - element.clientHeight / 3);
  };
  const scroller = useRef<HTMLDivElement>(null);

  const visible = useMemo(
    () =>
      events.filter(
        (event) =>
          // The pieces of a streamed explanation are shown where it was asked (the Diff tab); the log keeps the whole answer.
          event.type !== 'explanation_chunk' &&
          (agent === 'all' || event.agent === agent) &&
          (type === 'all' || event.type === type),
      ),
    [events, agent, type],
  );

  useEffect(() => {
    const element = scroller.current;
    if (following && element) element.scrollTop = element.scrollHeight;
  }, [visible, following]);

  // Scrolling up to read pauses following; scrolling back to the bottom resumes it.
  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
    if (atBottom !== following) setFollowing(atBottom);
  };

  const stream = STREAM_LABELS[streamState];
  return (
    <div className="overflow-hidden rounded-lg border border-slate-800 bg-black" data-testid="live-log">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-800 bg-slate-900 px-3 py-2 text-xs">
        <span className="flex items-center gap-1.5 text-slate-300" data-testid="stream-state" data-state={streamState}>
          <span className={`h-2 w-2 rounded-full ${stream.tone}`} aria-hidden />
          {stream.text}
        </span>
        <span className="text-slate-500">
          · {visible.length}/{events.length} events
        </span>
        <div className="ml-auto flex items-center gap-2">
          <label className="flex items-center gap-1 text-slate-400">
            agent
            <select
              aria-label="Filter by agent"
              className={selectClass}
              value={agent}
              onChange={(e) => setAgent(e.target.value)}
            >
              <option value="all">all</option>
              {AGENT_NAMES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1 text-slate-400">
            type
            <select
              aria-label="Filter by type"
              className={selectClass}
              value={type}
              onChange={(e) => setType(e.target.value)}
            >
              <option value="all">all</option>
              {TASK_EVENT_TYPES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <Button
            size="sm"
            variant={following ? 'secondary' : 'primary'}
            onClick={() => setFollowing(!following)}
            aria-pressed={!following}
          >
            {following ? '❚❚ Pause scroll' : '▶ Follow'}
          </Button>
        </div>
      </div>
      {streamError && (
        <div className="border-b border-rose-900 bg-rose-950/60 px-3 py-1.5 text-xs text-rose-200" role="alert">
          {streamError}
        </div>
      )}
      <div
        ref={scroller}
        onScroll={onScroll}
        className="relative h-80 overflow-y-auto px-3 py-2 font-mono text-xs leading-5"
        role="log"
        aria-live="polite"
        aria-label="Live log"
      >
        {visible.length === 0 && (
          <div className="text-slate-500">
            {events.length === 0 ? 'Waiting for the first event…' : 'No events match the filters.'}
          </div>
        )}
        {visible.map((event) => {
          const exitCode = exitCodeOf(event);
          const lineTone =
            event.type === 'error'
              ? 'text-rose-300'
              : exitCode !== undefined
                ? exitCode === 0
                  ? 'text-slate-100'
                  : 'text-rose-300'
                : 'text-slate-200';
          const output = commandOutputOf(event);
          const open = output !== null && expanded.has(event.seq);
          const attempt = starts.get(event.seq);
          const run = event.type === 'test_results' ? producingRunOf(events, event) : null;
          return (
            <div key={event.seq}>
              {attempt !== undefined && (
                <div
                  className="mt-1 border-t border-slate-800 pt-1 text-[11px] font-semibold uppercase tracking-wide text-indigo-300"
                  data-testid="attempt-label"
                >
                  Attempt {attempt}
                </div>
              )}
              <div
                className="flex gap-2 whitespace-pre-wrap break-words"
                data-testid="log-line"
                data-seq={event.seq}
                data-type={event.type}
                data-agent={event.agent}
              >
                <span className="shrink-0 text-slate-600">{String(event.seq).padStart(4, ' ')}</span>
                <span className="shrink-0 text-slate-500">
                  {new Date(event.at).toLocaleTimeString([], { hour12: false })}
                </span>
                <span className={`w-28 shrink-0 truncate ${AGENT_COLOURS[event.agent] ?? 'text-slate-300'}`}>
                  [{event.agent}]
                </span>
                <span className="w-32 shrink-0 truncate text-slate-500">{event.type}</span>
                <span className={lineTone}>
                  {output !== null && (
                    <button
                      type="button"
                      className="mr-1 text-slate-400 hover:text-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-400"
                      aria-expanded={open}
                      aria-controls={`command-output-${event.seq}`}
                      aria-label={open ? 'Hide output' : 'Show output'}
                      onClick={() => toggle(event.seq)}
                    >
                      {open ? '▾' : '▸'}
                    </button>
                  )}
                  {describeEvent(event)}
                  {exitCode !== undefined && (
                    <span
                      className={`ml-2 rounded px-1 ${exitCode === 0 ? 'bg-emerald-900 text-emerald-200' : 'bg-rose-900 text-rose-200'}`}
                    >
                      exit {exitCode}
                    </span>
                  )}
                  {run && (
                    <button
                      type="button"
                      className="ml-2 text-indigo-300 underline hover:text-indigo-200"
                      onClick={() => showRun(run.seq)}
                      data-testid="test-run-link"
                    >
                      from run #{run.seq}
                    </button>
                  )}
                </span>
              </div>
              {open && output && (
                <CommandOutputPanel id={`command-output-${event.seq}`} taskId={event.taskId} output={output} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
