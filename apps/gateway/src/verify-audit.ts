import { verifyAuditLog } from '@patchbay/gateway-feature';

/** `npm run audit:verify`: an operator walks every audit chain in DATABASE_URL (ADR 0009). */
const databaseUrl = process.env['DATABASE_URL'];
if (!databaseUrl) {
  process.stderr.write('DATABASE_URL is required, e.g. postgres://postgres@127.0.0.1:5432/patchbay\n');
  process.exitCode = 2;
} else {
  verifyAuditLog(databaseUrl).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`audit verification failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
