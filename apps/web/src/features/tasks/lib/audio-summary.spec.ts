import type { TaskEvent } from '@patchbay/contracts';
import { formatAudioDuration, latestAudioSummary } from './audio-summary';

const TASK = '00000000-0000-4000-8000-000000000001';
const PAYLOAD = { contentType: 'audio/ogg; codecs=opus', bytes: 30_000, durationSeconds: 11.6, provider: 'espeak', voice: 'en-us', sha256: 'a'.repeat(64), text: 'Patchbay finished a task.' };
let seq = 0;
function event(type: TaskEvent['type'], payload: Record<string, unknown>): TaskEvent {
  seq += 1;
  return { id: `id-${seq}`, taskId: TASK, seq, type, agent: 'supervisor', payload, at: new Date(seq * 1000).toISOString() };
}

test('the latest readable audio_ready is the summary', () => {
  const events = [event('audio_ready', { ...PAYLOAD, text: 'First.' }), event('audio_ready', PAYLOAD), event('audio_ready', { text: 'no audio fields' })];
  expect(latestAudioSummary(events)?.text).toBe('Patchbay finished a task.');
  expect(latestAudioSummary(events)?.durationSeconds).toBe(11.6);
});

test('no summary before audio_ready', () => {
  expect(latestAudioSummary([event('status_changed', { to: 'completed' })])).toBeNull();
});

test('durations read as seconds, or minutes and seconds', () => {
  expect(formatAudioDuration(11.6)).toBe('12 s');
  expect(formatAudioDuration(0.2)).toBe('1 s');
  expect(formatAudioDuration(65)).toBe('1 min 5 s');
});
