import { spawn } from 'node:child_process';
import { SpeechSynthesisError } from './speech-synthesis.error';

export interface RunProcessOptions {
  /** Written to the process's stdin, so text never becomes an argument or passes through a shell. */
  input: Buffer | string;
  timeoutMs: number;
  /** The process is killed when its output grows past this; a runaway encoder must not fill memory. */
  maxOutputBytes: number;
  /** Names the engine in errors. */
  provider: string;
  /** Said when the program is missing. */
  installHint: string;
}

const STDERR_TAIL = 400;

/** Runs a program without a shell, feeds it stdin, and collects stdout; fails on a non-zero exit, a timeout or too much output. */
export function runProcess(command: string, args: readonly string[], options: RunProcessOptions): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], shell: false });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: SpeechSynthesisError | null = null;
    const fail = (error: SpeechSynthesisError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () =>
        fail(new SpeechSynthesisError(options.provider, `${command} did not finish within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxOutputBytes)
        fail(
          new SpeechSynthesisError(options.provider, `${command} produced more than ${options.maxOutputBytes} bytes`),
        );
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    // A process that exits before reading all of stdin makes the write fail with EPIPE; its exit status says why.
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new SpeechSynthesisError(options.provider, `${command} is not installed (${options.installHint})`)
          : new SpeechSynthesisError(options.provider, `${command} could not start: ${error.message}`),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        const reason = stderr.trim() ? `: ${stderr.trim()}` : '';
        return reject(new SpeechSynthesisError(options.provider, `${command} exited with ${code ?? signal}${reason}`));
      }
      resolve(Buffer.concat(chunks));
    });
    child.stdin.end(options.input);
  });
}
