/**
 * Entry point of the repo-intel CLI (`npm run repo-intel -- <command> …`). All logic is in
 * cli/run-cli.ts so that specs drive it in-process; this file only binds it to the process.
 */
import { runCli } from './cli/run-cli';

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`repo-intel: internal error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
