/**
 * The agents that talk to a model; each may be configured with its own model name. `backlog` is
 * the backlog planner (ADR 0035), which answers with patches to a project's task tree.
 */
export const MODEL_ROLES = ['planner', 'coder', 'reviewer', 'summariser', 'backlog'] as const;

export type ModelRole = (typeof MODEL_ROLES)[number];
