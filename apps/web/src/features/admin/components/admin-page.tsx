import { Banner } from '../../../ui/banner';
import { useCan } from '../../auth/hooks/use-me';
import { BudgetsPanel } from '../../budgets/components/budgets-panel';
import { RepositoriesPanel } from '../../repositories/components/repositories-panel';
import { AuditPanel } from './audit-panel';
import { MembersPanel } from './members-panel';
import { QuotasPanel } from './quotas-panel';

export function AdminPage() {
  const isAdmin = useCan('admin');
  if (!isAdmin) return <Banner tone="warning">The admin console needs the admin role.</Banner>;
  return (
    <div className="space-y-4" data-testid="admin-page">
      <h1 className="text-lg font-semibold">Admin console</h1>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <MembersPanel />
        <QuotasPanel />
        <BudgetsPanel />
      </div>
      <RepositoriesPanel />
      <AuditPanel />
    </div>
  );
}
