import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchEgressReport } from '../api/egress-report.api';

/** The report behind the task's latest `egress_report` event (`seq`); nothing to fetch before there is one. */
export function useEgressReport(taskId: string, seq: number | null) {
  return useQuery({
    queryKey: queryKeys.tasks.egress(taskId, seq ?? 0),
    queryFn: () => fetchEgressReport(taskId),
    enabled: seq !== null,
  });
}
