/**
 * `patchbay/<yyyymmdd-hhmmss>-<slug>[-<task>]`: sortable and readable in a branch list. The task's
 * first six hex digits keep two tasks with the same title, published in the same second, from
 * racing for one branch (they did, once pipelines got fast enough to finish together).
 */
export function patchbayBranchName(title: string, at: Date = new Date(), taskId?: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const suffix = taskId
    ? `-${taskId
        .replace(/[^0-9a-f]/gi, '')
        .slice(0, 6)
        .toLowerCase()}`
    : '';
  return `patchbay/${stamp}-${slug || 'change'}${suffix}`;
}
