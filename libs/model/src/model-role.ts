/** The agents that talk to a model; each may be configured with its own model name. */
export const MODEL_ROLES = ['planner', 'coder', 'reviewer', 'summariser'] as const;

export type ModelRole = (typeof MODEL_ROLES)[number];
