import type { EgressReport } from '@patchbay/contracts';
import { requestJson } from '../../../api/http-client';

/** The connections the task's sandbox was refused, collected when its diff was prepared. */
export function fetchEgressReport(taskId: string): Promise<EgressReport> {
  return requestJson<EgressReport>(`/tasks/${encodeURIComponent(taskId)}/egress`);
}
