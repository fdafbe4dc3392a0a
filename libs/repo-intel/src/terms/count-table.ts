/**
 * Counts as stored in an index: one string of `key count` pairs separated by single spaces
 * ("parse 3 Token 1"). Keys are words or identifiers and never contain spaces. An index holds a
 * few of these per file; as one string each instead of an object with a property per word, the
 * cached index is smaller and parses several times faster (JSON.parse then copies one string
 * instead of building thousands of properties), which is most of an incremental build's cost.
 */
export type CountTable = string;

export function encodeCounts(counts: ReadonlyMap<string, number>): CountTable {
  const parts: string[] = [];
  for (const [key, count] of counts) parts.push(`${key} ${count}`);
  return parts.join(' ');
}

export function forEachCount(table: CountTable, visit: (key: string, count: number) => void): void {
  if (table === '') return;
  const parts = table.split(' ');
  for (let i = 0; i + 1 < parts.length; i += 2) visit(parts[i], Number(parts[i + 1]));
}

export function decodeCounts(table: CountTable): Map<string, number> {
  const counts = new Map<string, number>();
  forEachCount(table, (key, count) => counts.set(key, count));
  return counts;
}
