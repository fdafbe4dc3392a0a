import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { mapErrorToFields } from '../../../api/field-errors';
import { takeSignInNotice } from '../../../api/session-storage';
import { navigate } from '../../../app/router';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { PatchbayLogo } from '../../../ui/patchbay-logo';
import { Field, inputClass } from '../../../ui/field';
import { devLogin, GITHUB_SIGN_IN_URL, probeGithubSignIn } from '../api/auth.api';
import { useSession } from '../hooks/session-context';

export function SignInPage() {
  const { signIn } = useSession();
  const [notice] = useState(takeSignInNotice);
  const [login, setLogin] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [githubError, setGithubError] = useState<string | null>(null);

  const devLoginMutation = useMutation({
    mutationFn: devLogin,
    onSuccess: (session) => {
      signIn(session);
      navigate('/', { replace: true });
    },
  });
  const errors = devLoginMutation.error
    ? mapErrorToFields(describeError(devLoginMutation.error), ['login', 'organisation'])
    : null;

  const githubMutation = useMutation({
    mutationFn: probeGithubSignIn,
    onSuccess: () => window.location.assign(GITHUB_SIGN_IN_URL),
    onError: (error) => setGithubError(describeError(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    devLoginMutation.mutate({
      login: login.trim(),
      ...(organisation.trim() ? { organisation: organisation.trim() } : {}),
    });
  };

  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm space-y-5 rounded-xl border border-slate-800 bg-slate-900 p-6 shadow-xl">
        <div>
          <h1 className="flex items-center text-xl font-semibold">
            <PatchbayLogo />
            Patchbay
          </h1>
          <p className="mt-1 text-sm text-slate-400">Sign in to hand tasks to your coding agents.</p>
        </div>
        {notice && <Banner tone="warning">{notice}</Banner>}
        <Button
          variant="secondary"
          className="w-full"
          onClick={() => githubMutation.mutate()}
          disabled={githubMutation.isPending}
        >
          <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4 fill-current">
            <path d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38 0-.19-.01-.82-.01-1.49-2.01.37-2.53-.49-2.69-.94-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82.64-.18 1.32-.27 2-.27.68 0 1.36.09 2 .27 1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48 0 1.07-.01 1.93-.01 2.2 0 .21.15.46.55.38A8.013 8.013 0 0016 8c0-4.42-3.58-8-8-8z" />
          </svg>
          Sign in with GitHub
        </Button>
        {githubError && (
          <Banner tone="error" onDismiss={() => setGithubError(null)}>
            {githubError}
          </Banner>
        )}
        <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500">
          <span className="h-px flex-1 bg-slate-800" />
          local development
          <span className="h-px flex-1 bg-slate-800" />
        </div>
        <form onSubmit={submit} className="space-y-3" aria-label="Developer sign-in">
          <Field label="Login" htmlFor="login" error={errors?.fields['login']}>
            <input
              id="login"
              className={inputClass}
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              autoComplete="username"
              placeholder="octocat"
              aria-invalid={Boolean(errors?.fields['login'])}
            />
          </Field>
          <Field label="Organisation (optional)" htmlFor="organisation" error={errors?.fields['organisation']}>
            <input
              id="organisation"
              className={inputClass}
              value={organisation}
              onChange={(e) => setOrganisation(e.target.value)}
              placeholder="default"
              aria-invalid={Boolean(errors?.fields['organisation'])}
            />
          </Field>
          {errors && errors.general.length > 0 && <Banner tone="error">{errors.general.join('; ')}</Banner>}
          <Button type="submit" variant="primary" className="w-full" disabled={devLoginMutation.isPending}>
            {devLoginMutation.isPending ? 'Signing in…' : 'Dev sign-in'}
          </Button>
        </form>
      </div>
    </main>
  );
}
