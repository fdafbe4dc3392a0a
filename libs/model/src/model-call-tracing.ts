import { SpanKind, withSpan } from '@patchbay/observability';
import type { ModelRole } from './model-role';

/**
 * One client span per request to the model endpoint (each retry and each fallback is its own
 * span), named after the GenAI semantic conventions (`chat <model>`). Prompts and answers are
 * not recorded: they hold repository content.
 */
export function traceModelCall<T>(model: string, role: ModelRole, call: () => Promise<T>): Promise<T> {
  return withSpan(
    'model',
    `chat ${model}`,
    {
      kind: SpanKind.CLIENT,
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': model, 'patchbay.model.role': role },
    },
    call,
  );
}
