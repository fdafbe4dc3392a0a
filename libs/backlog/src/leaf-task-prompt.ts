import type { BacklogTreeItem } from './backlog-tree';

/** The prompt of the coding task a leaf becomes: its title, its description and its acceptance criteria as a checklist. */
export function leafTaskPrompt(item: Pick<BacklogTreeItem, 'title' | 'description' | 'acceptanceCriteria'>): string {
  const parts = [item.title.trim()];
  if (item.description.trim()) parts.push(item.description.trim());
  if (item.acceptanceCriteria.length > 0)
    parts.push(`Acceptance criteria:\n${item.acceptanceCriteria.map((criterion) => `- ${criterion}`).join('\n')}`);
  return parts.join('\n\n');
}
