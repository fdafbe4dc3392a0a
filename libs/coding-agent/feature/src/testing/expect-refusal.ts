import { ToolRefusal } from '@patchbay/workspace-tools';

/** The message of the refusal a tool call ends in; fails the test when the call succeeds or fails otherwise. */
export async function refusalOf(run: Promise<string>): Promise<string> {
  const error: unknown = await run.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ToolRefusal)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.message;
}
