import type { RepositoryView } from '@patchbay/contracts';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Field, inputClass } from '../../../ui/field';
import { useSetEgressAllowedHosts } from '../hooks/use-egress-allowed-hosts';

/** One host per line (or separated by commas or spaces); blank lines are ignored. */
export function parseHostList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((host) => host.trim())
    .filter(Boolean);
}

/**
 * The repository's allowed egress hosts (ADR 0032): names its task sandboxes may reach through the
 * egress proxy besides package registries. The server validates each entry and records the change
 * in the audit log; its message is shown as is.
 */
export function EgressHostsEditor({ repository }: { repository: RepositoryView }) {
  const [text, setText] = useState(repository.egressAllowedHosts.join('\n'));
  const save = useSetEgressAllowedHosts();
  const id = `egress-hosts-${repository.id}`;
  return (
    <form
      className="mt-3 space-y-2"
      aria-label="Allowed egress hosts"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ id: repository.id, hosts: parseHostList(text) });
      }}
    >
      <Field
        label="Allowed egress hosts"
        htmlFor={id}
        hint="host or host:port (port 443 if none), one per line. Task sandboxes may reach these through the egress proxy; loopback and link-local addresses never."
      >
        <textarea
          id={id}
          className={`${inputClass} font-mono`}
          rows={3}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </Field>
      {save.error && (
        <Banner tone="error" onDismiss={() => save.reset()}>
          {describeError(save.error)}
        </Banner>
      )}
      {save.isSuccess && <p className="text-xs text-emerald-300">Saved: {save.data.hosts.join(', ') || 'none'}</p>}
      <Button type="submit" size="sm" disabled={save.isPending}>
        Save allowed hosts
      </Button>
    </form>
  );
}
