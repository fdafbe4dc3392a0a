import { ModelProvider } from './model-config';

export const SCRIPTED_MODEL_LABEL = 'scripted model';

/** How a model is named wherever it shows: task events, the UI, the pull request body. */
export interface ModelDescription {
  provider: ModelProvider;
  /** The model name asked for (for the scripted provider: `scripted`). */
  model: string;
  /** `scripted model` for replayed turns, otherwise the model name. */
  label: string;
  fallbackModel?: string;
  /** The label inside the script file, for the scripted provider. */
  scriptLabel?: string;
}

/** Implemented by every model `createChatModel` returns. */
export interface DescribedModel {
  readonly modelDescription: ModelDescription;
}

function isDescribed(value: unknown): value is DescribedModel {
  return typeof value === 'object' && value !== null && 'modelDescription' in value;
}

/**
 * Describes a model from `createChatModel`, also after `.bindTools()` or `.withConfig()`, which
 * wrap it in bindings (hence the walk through `bound`).
 */
export function describeModel(model: unknown): ModelDescription {
  let current: unknown = model;
  for (let depth = 0; depth < 10 && typeof current === 'object' && current !== null; depth++) {
    if (isDescribed(current)) return current.modelDescription;
    current = (current as { bound?: unknown }).bound;
  }
  throw new TypeError('describeModel: this model was not created by createChatModel, so its provider is unknown');
}
