import { isGraphBubbleUp } from '@langchain/langgraph';
import { withSpan } from '@patchbay/observability';

type NodeAction = (state: never, config: never) => unknown;

/**
 * Gives every node added to `graph` a `node <name>` span, a child of the task run's span, so
 * the agent requests and sandbox calls a node makes nest under it. A node that stops at an
 * interrupt (waiting for a human) ends its span normally: waiting is not a failure.
 */
export function traceGraphNodes<Graph extends object>(graph: Graph): Graph {
  const builder = graph as unknown as { addNode: (name: string, action: unknown, options?: unknown) => unknown };
  const addNode = builder.addNode.bind(builder);
  builder.addNode = (name: string, action: unknown, options?: unknown) =>
    addNode(name, typeof action === 'function' ? traced(name, action as NodeAction) : action, options);
  return graph;
}

function traced(name: string, action: NodeAction): NodeAction {
  return (state: never, config: never) =>
    withSpan(
      'supervisor',
      `node ${name}`,
      { attributes: { 'patchbay.graph.node': name }, isFailure: (error) => !isGraphBubbleUp(error) },
      async () => action(state, config),
    );
}
