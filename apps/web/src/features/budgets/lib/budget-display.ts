import { budgetScopeLabel, formatTokens, formatUsd, formatUsdPair, type BudgetLine } from '@patchbay/contracts';

/** One unit of a budget line as the dashboard shows it: spent, limit, share used, whether reached. */
export interface BudgetGauge {
  scope: BudgetLine['scope'];
  unit: 'usd' | 'tokens' | null;
  label: string;
  text: string;
  /** 0..1 of the limit used, capped at 1; null without a limit. */
  used: number | null;
  reached: boolean;
}

/**
 * The gauges worth showing for budget lines: each unit that has a limit, as "$0.0011 of $0.0010"
 * or "12,345 of 100,000 tokens". A line without any limit shows its spend only when `withSpend`.
 */
export function budgetGauges(lines: readonly BudgetLine[], options: { withSpend?: boolean } = {}): BudgetGauge[] {
  const gauges: BudgetGauge[] = [];
  for (const line of lines) {
    const label = budgetScopeLabel(line.scope);
    if (line.limit.usd !== null) {
      gauges.push({
        scope: line.scope,
        unit: 'usd',
        label,
        text: formatUsdPair(line.spent.usd, line.limit.usd),
        used: share(line.spent.usd, line.limit.usd),
        reached: line.spent.usd >= line.limit.usd,
      });
    }
    if (line.limit.tokens !== null) {
      gauges.push({
        scope: line.scope,
        unit: 'tokens',
        label,
        text: `${formatTokens(line.spent.tokens)} of ${formatTokens(line.limit.tokens)} tokens`,
        used: share(line.spent.tokens, line.limit.tokens),
        reached: line.spent.tokens >= line.limit.tokens,
      });
    }
    if (line.limit.usd === null && line.limit.tokens === null && options.withSpend) {
      gauges.push({
        scope: line.scope,
        unit: null,
        label,
        text: `${formatUsd(line.spent.usd, 0.001)} · ${formatTokens(line.spent.tokens)} tokens, no limit`,
        used: null,
        reached: false,
      });
    }
  }
  return gauges;
}

function share(spent: number, limit: number): number {
  if (limit <= 0) return 1;
  return Math.min(1, spent / limit);
}

/** Parses a dollar amount typed by a person ("0.01", "$2.50"); null when it is not one. */
export function parseUsdInput(text: string): number | null {
  const cleaned = text.trim().replace(/^\$/, '');
  if (!/^\d+(\.\d{1,6})?$/.test(cleaned)) return null;
  return Number(cleaned);
}
