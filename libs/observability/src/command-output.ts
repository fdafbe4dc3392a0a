import { redactText } from './redact';

/** Bytes of a stream's beginning an event keeps: where a command says what it is doing. */
export const COMMAND_OUTPUT_HEAD_BYTES = 1_024;
/** Bytes of a stream's end an event keeps: where test runners put their summary and failures. */
export const COMMAND_OUTPUT_TAIL_BYTES = 3_072;

/** What a `command_executed` event carries of a command's output, for the live log to expand. */
export interface CommandOutputExcerpt {
  stdout: string;
  stderr: string;
  /** Bytes cut from the middle of stdout and stderr together; 0 when both are whole. */
  elidedBytes: number;
  /**
   * Only when something was cut: both streams whole (secrets masked). It rides the bus to the
   * gateway, which stores it as the task's `log` artifact and keeps only its id in the event.
   */
  full?: { stdout: string; stderr: string };
}

/**
 * Head and tail of each stream with a marker where the middle was cut, secrets masked. ANSI
 * escapes stay: the dashboard renders them as colours, and they are never interpreted as HTML.
 * Redaction runs before cutting so that a token split by the cut cannot escape the patterns.
 */
export function commandOutputExcerpt(output: { stdout: string; stderr: string }): CommandOutputExcerpt {
  const whole = { stdout: redactText(output.stdout), stderr: redactText(output.stderr) };
  const stdout = excerpt(whole.stdout);
  const stderr = excerpt(whole.stderr);
  const elidedBytes = stdout.elided + stderr.elided;
  return { stdout: stdout.text, stderr: stderr.text, elidedBytes, ...(elidedBytes > 0 ? { full: whole } : {}) };
}

function excerpt(text: string): { text: string; elided: number } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= COMMAND_OUTPUT_HEAD_BYTES + COMMAND_OUTPUT_TAIL_BYTES) return { text, elided: 0 };
  const elided = bytes.length - COMMAND_OUTPUT_HEAD_BYTES - COMMAND_OUTPUT_TAIL_BYTES;
  // A cut inside a multi-byte character decodes to U+FFFD; dropping those keeps the text clean.
  const head = bytes
    .subarray(0, COMMAND_OUTPUT_HEAD_BYTES)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
  const tail = bytes
    .subarray(bytes.length - COMMAND_OUTPUT_TAIL_BYTES)
    .toString('utf8')
    .replace(/^\uFFFD+/, '');
  return { text: `${head}\n… ${elided} bytes elided …\n${tail}`, elided };
}
