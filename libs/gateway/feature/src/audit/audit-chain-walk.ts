import type { AuditVerification } from '@patchbay/contracts';
import { AUDIT_GENESIS_HASH, type AuditEntryEntity } from '@patchbay/persistence';
import { auditRowHash } from './audit-hash';

/** Rows fetched per round trip while walking a chain. */
export const AUDIT_WALK_PAGE = 1_000;

export interface AuditChainWalk {
  /** The next rows of the chain, in chain order, after the row whose cursor is given ('0' first). */
  nextPage(after: string, limit: number): Promise<AuditEntryEntity[]>;
  /** What identifies a row to whoever reads the result; also the cursor for the next page. */
  cursorOf(row: AuditEntryEntity): string;
  /**
   * Whether rows carry their position (1, 2, …) in `chainSeq`. When they do, a missing or
   * renumbered row is reported even if an operator re-linked the hashes around it.
   */
  numbered: boolean;
}

/**
 * Recomputes every link of one chain from the genesis hash. `count` is the number of rows
 * checked, up to and including the first broken one, whose cursor is `brokenAt`.
 */
export async function walkAuditChain(walk: AuditChainWalk): Promise<AuditVerification> {
  let prevHash = AUDIT_GENESIS_HASH;
  let count = 0;
  let after = '0';
  for (;;) {
    const rows = await walk.nextPage(after, AUDIT_WALK_PAGE);
    for (const row of rows) {
      count += 1;
      const inPlace = !walk.numbered || row.chainSeq === String(count);
      if (!inPlace || row.prevHash !== prevHash || auditRowHash(prevHash, row) !== row.hash) {
        return { valid: false, count, brokenAt: walk.cursorOf(row) };
      }
      prevHash = row.hash;
    }
    const last = rows.at(-1);
    if (!last || rows.length < AUDIT_WALK_PAGE) return { valid: true, count };
    after = walk.cursorOf(last);
  }
}
