import path from 'node:path';
import { evaluateFacts, exitCodeOf, formatReport } from './doctor-checks';
import { doctorOptionsFromEnv, gatherFacts } from './doctor-probes';

/** `npm run doctor` once dependencies are installed (doctor.js checks that first). */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const options = doctorOptionsFromEnv(root, process.env);
  const results = evaluateFacts(await gatherFacts({ root, env: process.env }, options), options);
  process.stdout.write(formatReport(results, process.stdout.isTTY === true && !process.env['NO_COLOR']));
  process.exitCode = exitCodeOf(results);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `npm run doctor failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 2;
});
