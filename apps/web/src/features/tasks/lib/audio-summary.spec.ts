import type { TaskEvent } from '@patchbay/contracts';
import { audioReadyPayload, eventBody, type TaskEventArgs } from '../../../testing/event-payloads';
import { formatAudioDuration, latestAudioSummary } from './audio-summary';

const TASK = '00000000-0000-4000-8000-000000000001';
const PAYLOAD = audioReadyPayload({
  bytes: 30_000,
  durationSeconds: 11.6,
  voice: 'en-us',
  sha256: 'a'.repeat(64),
  text: 'Patchbay finished a task.',
});
let seq = 0;
function event(...args: TaskEventArgs): TaskEvent {
  seq += 1;
  return {
    id: `id-${seq}`,
    taskId: TASK,
    seq,
    agent: 'supervisor',
    at: new Date(seq * 1000).toISOString(),
    ...eventBody(...args),
  };
}

test('the latest readable audio_ready is the summary', () => {
  const events = [
    event('audio_ready', { ...PAYLOAD, text: 'First.' }),
    event('audio_ready', PAYLOAD),
    event('audio_ready', { ...PAYLOAD, sha256: 'not a digest', text: 'unreadable' }),
  ];
  expect(latestAudioSummary(events)?.text).toBe('Patchbay finished a task.');
  expect(latestAudioSummary(events)?.durationSeconds).toBe(11.6);
});

test('no summary before audio_ready', () => {
  expect(latestAudioSummary([event('status_changed', { from: 'publishing', to: 'completed' })])).toBeNull();
});

test('durations read as seconds, or minutes and seconds', () => {
  expect(formatAudioDuration(11.6)).toBe('12 s');
  expect(formatAudioDuration(0.2)).toBe('1 s');
  expect(formatAudioDuration(65)).toBe('1 min 5 s');
});
