import { parseAddedLines } from './added-lines.parser';
import { findHighEntropyAssignments } from './high-entropy-assignment.rule';
import type { SecretFinding } from './secret-finding';
import { scanWithSecretlint } from './secretlint-scanner';

/**
 * Scans the lines a unified git diff adds — removed and context lines are already in the
 * repository and are not this commit's doing — with secretlint's recommended rules and the
 * high-entropy assignment check. Findings come back in diff order, file by file and line by line.
 * Scan exactly the bytes that will be committed: the result says nothing about any other diff.
 */
export async function scanDiff(unifiedDiff: string): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  for (const file of parseAddedLines(unifiedDiff)) {
    const known = await scanWithSecretlint(file);
    // A known token format on a line says more than "random-looking"; one finding per line is
    // enough to block, and a second one for the same secret would only add noise to the audit.
    const knownLines = new Set(known.map((finding) => finding.line));
    const generic = findHighEntropyAssignments(file).filter((finding) => !knownLines.has(finding.line));
    findings.push(...distinct([...known, ...generic].sort((a, b) => a.line - b.line)));
  }
  return findings;
}

/** A rule may report the same secret on the same line twice (overlapping patterns). */
function distinct(findings: SecretFinding[]): SecretFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.fingerprint}:${finding.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
