/** `patchbay/<yyyymmdd-hhmmss>-<slug>`: sortable, unique per second, readable in a branch list. */
export function patchbayBranchName(title: string, at: Date = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `patchbay/${stamp}-${slug || 'change'}`;
}
