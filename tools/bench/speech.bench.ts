/**
 * Spoken-summary benchmark (`npm run bench:speech`): how long the offline engine (espeak-ng to
 * WAV, opusenc to Ogg Opus) takes for a typical end-of-task summary and a long one, and how big
 * and how long the audio is. One warm-up, then `--runs` (default 10) syntheses of each text.
 *
 * Writes reports/speech-bench.json and a table between markers in docs/performance.md
 * (`--no-doc` to skip).
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { EspeakSpeechSynthesizer } from '@patchbay/speech';
import { spokenSummary } from '../../libs/pipeline/src/graphs/task/spoken-summary';
import { numberArgument, quantile, writeJsonReport, writeMeasuredBlock } from './bench-support';

const TEXTS = {
  typical: spokenSummary({
    repositoryName: 'acme/greeter',
    change: 'Fix the greeting format so the failing test passes',
    files: ['src/greet.js'],
    testsBefore: { passed: 1, failed: 1 },
    testsAfter: { passed: 2, failed: 0 },
    pullRequest: { number: 3, branch: 'patchbay/x', followUp: false },
  }),
  long: spokenSummary({
    repositoryName: 'acme/billing-service',
    change:
      'Move invoice rounding into one helper used by the PDF renderer, the CSV export and the API serialiser, so that totals agree to the cent everywhere; add tests for half-cent cases and negative credit notes, and document the rounding rule in the README.',
    files: [
      'src/money/round.ts',
      'src/pdf/invoice.ts',
      'src/export/csv.ts',
      'src/api/serialise.ts',
      'test/round.test.ts',
      'README.md',
    ],
    testsBefore: { passed: 212, failed: 3 },
    testsAfter: { passed: 219, failed: 0 },
    pullRequest: { number: 48, branch: 'patchbay/y', followUp: false },
  }),
};

interface Measurement {
  text: string;
  characters: number;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  audioBytes: number;
  durationSeconds: number;
  bitrateKbps: number;
  realTimeFactor: number;
}

async function measure(synthesizer: EspeakSpeechSynthesizer, text: string, runs: number): Promise<Measurement> {
  await synthesizer.synthesize(text);
  const times: number[] = [];
  let last = await synthesizer.synthesize(text);
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    last = await synthesizer.synthesize(text);
    times.push(performance.now() - started);
  }
  const durationSeconds = last.durationSeconds ?? 0;
  const p50Ms = quantile(times, 0.5);
  return {
    text,
    characters: text.length,
    runs,
    p50Ms,
    p95Ms: quantile(times, 0.95),
    maxMs: Math.max(...times),
    audioBytes: last.audio.length,
    durationSeconds,
    bitrateKbps: (last.audio.length * 8) / 1000 / durationSeconds,
    realTimeFactor: p50Ms / 1000 / durationSeconds,
  };
}

async function main(): Promise<void> {
  const runs = numberArgument('runs', 10);
  const synthesizer = new EspeakSpeechSynthesizer({
    voice: 'en-us',
    wordsPerMinute: 165,
    opusBitrateKbps: 24,
    timeoutMs: 30_000,
  });
  const results: Record<string, Measurement> = {};
  for (const [name, text] of Object.entries(TEXTS)) results[name] = await measure(synthesizer, text, runs);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`;
  const measuredAt = new Date().toISOString();
  await writeJsonReport(resolve(__dirname, '../../reports/speech-bench.json'), {
    measuredAt,
    machine,
    voice: 'en-us',
    wordsPerMinute: 165,
    opusBitrateKbps: 24,
    results,
  });
  const rows = Object.entries(results).map(
    ([name, m]) =>
      `| ${name} | ${m.characters} | ${m.runs} | ${(m.p50Ms / 1000).toFixed(3)} | ${(m.p95Ms / 1000).toFixed(3)} | ${m.durationSeconds.toFixed(1)} | ${(m.audioBytes / 1024).toFixed(1)} | ${m.bitrateKbps.toFixed(1)} | ${m.realTimeFactor.toFixed(3)} |`,
  );
  const table = [
    '| summary | characters | runs | p50 (s) | p95 (s) | audio (s) | size (KiB) | kbit/s | time / audio |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const typical = results['typical'];
  const summary = typical
    ? `A typical summary (${typical.characters} characters, ${typical.durationSeconds.toFixed(1)} s of speech) takes ${(typical.p50Ms / 1000).toFixed(2)} s (p50) to speak and encode and is ${(typical.audioBytes / 1024).toFixed(1)} KiB of Ogg Opus.`
    : '';
  console.log(table);
  console.log(summary);
  if (!process.argv.includes('--no-doc')) {
    await writeMeasuredBlock('speech-bench', '## Spoken summary (`npm run bench:speech`)', {
      measured: `Measured ${measuredAt} on ${machine} (espeak-ng voice en-us at 165 words a minute, opusenc at 24 kbit/s; other engineers' jobs shared the 2 cores).`,
      summary,
      table,
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
