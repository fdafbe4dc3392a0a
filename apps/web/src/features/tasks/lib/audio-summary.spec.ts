import assert from 'node:assert/strict';
import { test } from 'node:test';
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
  assert.equal(latestAudioSummary(events)?.text, 'Patchbay finished a task.');
  assert.equal(latestAudioSummary(events)?.durationSeconds, 11.6);
});

test('no summary before audio_ready', () => {
  assert.equal(latestAudioSummary([event('status_changed', { to: 'completed' })]), null);
});

test('durations read as seconds, or minutes and seconds', () => {
  assert.equal(formatAudioDuration(11.6), '12 s');
  assert.equal(formatAudioDuration(0.2), '1 s');
  assert.equal(formatAudioDuration(65), '1 min 5 s');
});
