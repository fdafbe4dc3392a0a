import type { Role, SessionView, TaskEvent, TaskEventPayload, TaskView } from '@patchbay/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { writeSession } from '../api/session-storage';
import { SessionProvider } from '../features/auth/components/session-provider';
import type { TaskEventBody } from './event-payloads';
import { createFakeFetch, type FakeFetch } from './fake-fetch';

export const TASK_ID = '00000000-0000-4000-8000-0000000000a1';
export const USER_ID = '00000000-0000-4000-8000-0000000000b1';
export const ORGANISATION_ID = '00000000-0000-4000-8000-0000000000c1';

export interface AppRender extends RenderResult {
  api: FakeFetch;
  queryClient: QueryClient;
}

/**
 * Renders a component the way main.tsx does (QueryClient, session) for a signed-in user of the
 * given role, with `fetch` answered by a fake the spec configures through `api`.
 */
export function renderWithApp(
  ui: ReactElement,
  options: { role?: Role; setup?: (api: FakeFetch) => void } = {},
): AppRender {
  const role = options.role ?? 'developer';
  const session: SessionView = {
    token: 'test-token',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user: { id: USER_ID, login: 'carol', organisationId: ORGANISATION_ID, role },
  };
  writeSession(session);
  const api = createFakeFetch();
  api.on('GET /auth/me', { json: { userId: USER_ID, login: 'carol', organisationId: ORGANISATION_ID, role } });
  options.setup?.(api);
  Object.defineProperty(globalThis, 'fetch', { value: jest.fn(api.fetch), configurable: true, writable: true });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider>{ui}</SessionProvider>
    </QueryClientProvider>,
  );
  return { ...result, api, queryClient };
}

export function taskView(overrides: Partial<TaskView> = {}): TaskView {
  return {
    id: TASK_ID,
    repository: 'acme/greeter',
    baseBranch: 'main',
    prompt: 'Fix the failing greeting test',
    status: 'queued',
    priority: 'normal',
    constraints: {},
    autoApprove: { plan: false, diff: false },
    model: null,
    createdBy: USER_ID,
    attempt: 1,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

type TaskEventOverrides = Partial<Pick<TaskEvent, 'id' | 'taskId' | 'agent' | 'at'>> &
  (TaskEventBody | { type?: undefined; payload?: TaskEventPayload<'agent_thought'> });

/** An event of the task under test: an `agent_thought` unless a type (with its payload) is given. */
export function taskEvent(seq: number, overrides: TaskEventOverrides = {}): TaskEvent {
  const body: TaskEventBody =
    overrides.type === undefined
      ? { type: 'agent_thought', payload: overrides.payload ?? { message: `thought ${seq}` } }
      : overrides;
  return {
    id: overrides.id ?? `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    taskId: overrides.taskId ?? TASK_ID,
    seq,
    agent: overrides.agent ?? 'supervisor',
    at: overrides.at ?? new Date(Date.UTC(2025, 0, 1, 10, 0, seq)).toISOString(),
    ...body,
  };
}
