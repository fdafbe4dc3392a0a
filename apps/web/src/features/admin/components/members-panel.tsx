import { ROLES, type Role } from '@patchbay/contracts';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Card } from '../../../ui/card';
import { inputClass } from '../../../ui/field';
import { Loading } from '../../../ui/states';
import { useMe } from '../../auth/hooks/use-me';
import { useChangeMemberRole, useMembers } from '../hooks/use-admin';

export function MembersPanel() {
  const members = useMembers();
  const me = useMe();
  const changeRole = useChangeMemberRole();
  return (
    <Card title="Members and roles" testId="members-panel">
      {changeRole.error && (
        <div className="mb-3">
          <Banner tone="error" onDismiss={() => changeRole.reset()}>
            {describeError(changeRole.error)}
          </Banner>
        </div>
      )}
      {members.isPending ? (
        <Loading />
      ) : members.error ? (
        <Banner tone="error">{describeError(members.error)}</Banner>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-400">
            <tr>
              <th className="pb-2 font-medium">Login</th>
              <th className="pb-2 font-medium">Joined</th>
              <th className="w-40 pb-2 font-medium">Role</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-800">
            {members.data.map((member) => (
              <tr key={member.userId} data-testid="member-row" data-login={member.login}>
                <td className="py-2">
                  {member.login}
                  {member.userId === me.data?.userId && <span className="ml-2 text-xs text-slate-500">(you)</span>}
                </td>
                <td className="py-2 text-xs text-slate-400">{new Date(member.joinedAt).toLocaleDateString()}</td>
                <td className="py-2">
                  <select
                    aria-label={`Role of ${member.login}`}
                    className={inputClass}
                    value={member.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ userId: member.userId, role: e.target.value as Role })}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
