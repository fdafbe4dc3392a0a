import { type ReactNode, useEffect, useRef } from 'react';
import { useCan, useMe } from '../features/auth/hooks/use-me';
import { useSession } from '../features/auth/hooks/session-context';
import { AwaitingReviewNavCount } from '../features/tasks/components/awaiting-review-nav-count';
import { Button } from '../ui/button';
import { PatchbayLogo } from '../ui/patchbay-logo';
import { Link, usePathname } from './router';

function NavLink({ to, children, exact = false }: { to: string; children: ReactNode; exact?: boolean }) {
  const pathname = usePathname();
  const active = exact ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link
      to={to}
      aria-current={active ? 'page' : undefined}
      className={`rounded-md px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-400 ${active ? 'bg-slate-800 text-white' : 'text-slate-300 hover:bg-slate-800/60 hover:text-white'}`}
    >
      {children}
    </Link>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const me = useMe();
  const isAdmin = useCan('admin');
  const canCreate = useCan('developer');
  const login = me.data?.login ?? session?.user.login;
  const role = me.data?.role ?? session?.user.role;
  const main = useRef<HTMLElement>(null);
  const pathname = usePathname();
  const firstPath = useRef(pathname);
  // After a client-side navigation, focus goes to the new page's heading (else its main region),
  // as a page load would put it at the top: keyboard and screen-reader users start there. A page
  // still loading has no heading yet: main holds focus until it appears, then hands it on, unless
  // the user has moved focus elsewhere meanwhile.
  useEffect(() => {
    if (firstPath.current === pathname) return;
    firstPath.current = '';
    const region = main.current;
    if (!region) return;
    if (focusHeading(region)) return;
    region.focus();
    const observer = new MutationObserver(() => {
      if (document.activeElement !== region || focusHeading(region)) observer.disconnect();
    });
    observer.observe(region, { childList: true, subtree: true });
    const giveUp = setTimeout(() => observer.disconnect(), HEADING_WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(giveUp);
    };
  }, [pathname]);
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only rounded bg-indigo-600 px-3 py-2 text-sm text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-800 bg-slate-900/80">
        <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-2.5">
          <Link to="/" className="font-semibold tracking-tight">
            <PatchbayLogo />
            Patchbay
          </Link>
          <nav className="flex gap-1" aria-label="Main">
            <NavLink to="/" exact>
              Dashboard
            </NavLink>
            <NavLink to="/tasks" exact>
              History
            </NavLink>
            {canCreate && (
              <NavLink to="/tasks/new" exact>
                New task
              </NavLink>
            )}
            {canCreate && (
              <NavLink to="/reviews" exact>
                Awaiting my review
                <AwaitingReviewNavCount />
              </NavLink>
            )}
            <NavLink to="/backlog">Projects</NavLink>
            {isAdmin && <NavLink to="/admin">Admin</NavLink>}
            <NavLink to="/settings">Settings</NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-300" data-testid="signed-in-user">
              {login}{' '}
              <span className="rounded bg-slate-800 px-1.5 py-0.5 text-xs text-slate-400" data-testid="signed-in-role">
                {role}
              </span>
            </span>
            <Button size="sm" variant="ghost" onClick={() => signOut()}>
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="mx-auto max-w-7xl px-4 py-5 focus:outline-none">
        {children}
      </main>
    </div>
  );
}

/** How long a navigation waits for a loading page's heading before leaving focus on the main region. */
const HEADING_WAIT_MS = 5_000;

/** Focuses the page's first heading, made focusable for the purpose; false when it has none yet. */
function focusHeading(region: HTMLElement): boolean {
  const heading = region.querySelector<HTMLElement>('h1, h2');
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
  return true;
}
