import {
  ADVISORY_SEVERITIES,
  type DependencyFinding,
  type ResearchResult,
  type ResearchTool,
} from '@patchbay/contracts';
import { deniedLicensesIn, type DependencyPolicy } from '@patchbay/repo-config';
import type { DependencyChange } from './dependency-changes';

/** The finding type lives in the contracts: it travels on the `error` and `agent_thought` events. */
export type { DependencyFinding };

/** More changes than this in one diff are listed as unchecked rather than holding the task up. */
export const MAX_CHECKED_DEPENDENCIES = 40;

const severityRank = (severity: string) => (ADVISORY_SEVERITIES as readonly string[]).indexOf(severity);

/**
 * Asks the research agent about every dependency a change adds (advisories for the exact
 * version, licence and deprecation from the registry) and judges the answers against the
 * repository's policy. Nothing here throws for a missing answer: a research agent or registry
 * that cannot answer makes an "unchecked" finding, which the pull request shows as a risk.
 */
export async function checkDependencies(
  changes: readonly DependencyChange[],
  policy: DependencyPolicy,
  ask: (query: ResearchTool) => Promise<ResearchResult>,
): Promise<DependencyFinding[]> {
  const findings: DependencyFinding[] = [];
  const checked = changes.slice(0, MAX_CHECKED_DEPENDENCIES);
  for (const change of changes.slice(MAX_CHECKED_DEPENDENCIES))
    findings.push(unchecked(change, `not checked: the change adds more than ${MAX_CHECKED_DEPENDENCIES} dependencies`));
  const results = await Promise.all(checked.map((change) => checkOne(change, policy, ask)));
  return [...results.flat(), ...findings];
}

async function checkOne(
  change: DependencyChange,
  policy: DependencyPolicy,
  ask: (query: ResearchTool) => Promise<ResearchResult>,
): Promise<DependencyFinding[]> {
  if (!change.version)
    return [
      unchecked(
        change,
        `\`${change.to}\` is not a registry version (git, file, URL or tag), so advisories and licence were not checked`,
      ),
    ];
  const label = `\`${change.name}@${change.version}\``;
  const [advisories, info] = await Promise.all([
    ask({ tool: 'package_advisories', name: change.name, version: change.version }).catch(
      (error: unknown) => error as Error,
    ),
    ask({ tool: 'package_info', name: change.name, ecosystem: 'npm', version: change.version }).catch(
      (error: unknown) => error as Error,
    ),
  ]);
  const findings: DependencyFinding[] = [];
  if (advisories instanceof Error || advisories.data.kind !== 'package_advisories') {
    findings.push(
      unchecked(
        change,
        `advisories of ${label} could not be checked (the research agent did not answer: ${advisories instanceof Error ? advisories.message : 'wrong answer'})`,
      ),
    );
  } else if (!advisories.data.advisories.reachable) {
    findings.push(
      unchecked(change, `advisories of ${label} could not be checked (${advisories.data.advisories.problem})`),
    );
  } else {
    for (const advisory of advisories.data.advisories.advisories) {
      const blocks =
        policy.blockSeverity !== 'none' && severityRank(advisory.severity) >= severityRank(policy.blockSeverity);
      findings.push({
        package: change.name,
        version: change.version,
        manifest: change.manifest,
        kind: 'advisory',
        blocks,
        advisory: {
          id: advisory.id,
          url: advisory.url,
          title: advisory.title,
          severity: advisory.severity,
          vulnerableVersions: advisory.vulnerableVersions,
        },
        message: `${label} (${change.manifest}) has a ${advisory.severity} advisory: ${advisory.title} (${advisory.url || `id ${advisory.id}`}; vulnerable ${advisory.vulnerableVersions})${blocks ? ` — at or above the repository's blocking severity (${policy.blockSeverity})` : ''}`,
      });
    }
  }
  if (info instanceof Error || info.data.kind !== 'package_info') {
    findings.push(
      unchecked(
        change,
        `the licence of ${label} could not be checked (the research agent did not answer: ${info instanceof Error ? info.message : 'wrong answer'})`,
      ),
    );
  } else if (!info.data.info.reachable || !info.data.info.found) {
    findings.push(unchecked(change, `the licence of ${label} could not be checked (${info.data.info.problem})`));
  } else {
    const license = info.data.info.license;
    const denied = deniedLicensesIn(license, policy);
    if (denied.length > 0) {
      findings.push({
        package: change.name,
        version: change.version,
        manifest: change.manifest,
        kind: 'denied_license',
        blocks: true,
        license,
        message: `${label} (${change.manifest}) is licensed ${license}, which the repository's policy denies (${denied.join(', ')})`,
      });
    } else if (!license || /^(UNLICENSED|SEE LICENSE IN)/i.test(license)) {
      findings.push({
        package: change.name,
        version: change.version,
        manifest: change.manifest,
        kind: 'unknown_license',
        blocks: false,
        license,
        message: `${label} (${change.manifest}) states no open-source licence (${license ?? 'none'}); check the terms before merging`,
      });
    }
    if (info.data.info.deprecated) {
      findings.push({
        package: change.name,
        version: change.version,
        manifest: change.manifest,
        kind: 'deprecated',
        blocks: false,
        message: `${label} is deprecated: ${info.data.info.deprecated.slice(0, 300)}`,
      });
    }
  }
  return findings;
}

function unchecked(change: DependencyChange, message: string): DependencyFinding {
  return {
    package: change.name,
    version: change.version,
    manifest: change.manifest,
    kind: 'unchecked',
    blocks: false,
    message,
  };
}

/**
 * The findings as pull-request risk lines. Advisory titles and deprecation notes are registry
 * text: kept on one line, and an `@name` in them is broken with a zero-width space so publishing
 * the PR cannot notify people a stranger chose.
 */
export function dependencyRiskLines(findings: readonly DependencyFinding[]): string[] {
  return findings.map(
    (finding) =>
      `- Dependency: ${finding.message.replace(/[\r\n]+/g, ' ').replace(/(^|[^\w`])@(?=[\w-])/g, '$1@\u200b')}`,
  );
}

/** The report a person reads when a dependency blocks publishing: what, why, and what they can do. */
export function describeDependencyBlock(blocking: readonly DependencyFinding[]): string {
  return [
    "Publishing is blocked by the repository's dependency policy (.patchbay.yml `dependencies`):",
    ...blocking.map((finding) => `- ${finding.message}`),
    '',
    'Resume with "fix it" to have the coder remove or replace these dependencies (add a note to say how), choose "change approach" to plan again, or change the policy on the base branch and retry the task.',
  ].join('\n');
}
