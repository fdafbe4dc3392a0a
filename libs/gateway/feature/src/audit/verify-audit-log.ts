/**
 * An operator's check of the whole audit log, straight against the database (ADR 0009; run it
 * with `npm run audit:verify`). Walks the legacy global chain (rows written before per-organisation chains), the system's chain
 * and every organisation's chain; exits 1 when any is broken. Admins verify their own chain over
 * the API; only an operator may see every organisation's volume, so only this tool walks them all.
 */
import type { AuditVerification } from '@patchbay/contracts';
import { AuditRepository, createDataSourceOptions } from '@patchbay/persistence';
import { DataSource } from 'typeorm';
import { AuditService } from './audit.service';

/** Prints one line per chain; answers the process exit code (1 when any chain is broken). */
export async function verifyAuditLog(databaseUrl: string): Promise<number> {
  const dataSource = new DataSource(createDataSourceOptions(databaseUrl, 'patchbay-audit-verify'));
  await dataSource.initialize();
  try {
    const audit = new AuditService(new AuditRepository(dataSource));
    const chains: Array<[string, () => Promise<AuditVerification>]> = [
      ['legacy global chain', () => audit.verifyLegacyChain()],
      ['system chain', () => audit.verifyChain(null)],
      ...(await audit.chainedOrganisations()).map((organisationId): [string, () => Promise<AuditVerification>] => [
        `organisation ${organisationId}`,
        () => audit.verifyChain(organisationId),
      ]),
    ];
    let broken = 0;
    for (const [name, verify] of chains) {
      const result = await verify();
      if (!result.valid) broken += 1;
      process.stdout.write(
        `${name}: ${result.valid ? 'valid' : `BROKEN at ${result.brokenAt ?? '?'}`} (${result.count} entries checked)\n`,
      );
    }
    return broken > 0 ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}
