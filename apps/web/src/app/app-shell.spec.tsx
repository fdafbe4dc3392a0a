import { act, screen, waitFor } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { renderWithApp } from '../testing/render-with-app';
import { AppShell } from './app-shell';
import { navigate, usePathname } from './router';

/** A page with a heading per path, as the real pages have. */
function Page() {
  const pathname = usePathname();
  return <h1>{pathname === '/settings' ? 'Settings' : 'Dashboard'}</h1>;
}

/** A page that shows its heading only once its data has loaded, as the task page does. */
function LoadingPage() {
  const pathname = usePathname();
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    setLoaded(false);
    const timer = setTimeout(() => setLoaded(true), 50);
    return () => clearTimeout(timer);
  }, [pathname]);
  return loaded ? <h1>{`Loaded ${pathname}`}</h1> : <p>Loading…</p>;
}

describe('AppShell', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('offers a skip link to the main content', () => {
    renderWithApp(
      <AppShell>
        <Page />
      </AppShell>,
    );
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(skip.getAttribute('href')).toBe('#main');
    expect(document.getElementById('main')?.tagName).toBe('MAIN');
  });

  it('moves focus to the new page heading after a navigation, not on the first load', () => {
    renderWithApp(
      <AppShell>
        <Page />
      </AppShell>,
    );
    expect(document.activeElement).toBe(document.body);
    act(() => navigate('/settings'));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Settings' }));
  });

  it("gives focus to a loading page's heading once it appears", async () => {
    renderWithApp(
      <AppShell>
        <LoadingPage />
      </AppShell>,
    );
    act(() => navigate('/tasks/1'));
    expect(document.activeElement?.id).toBe('main');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Loaded /tasks/1' })));
  });

  it('leaves focus where the user put it while the page was loading', async () => {
    renderWithApp(
      <AppShell>
        <LoadingPage />
        <button type="button">Elsewhere</button>
      </AppShell>,
    );
    act(() => navigate('/tasks/2'));
    act(() => screen.getByRole('button', { name: 'Elsewhere' }).focus());
    await screen.findByRole('heading', { name: 'Loaded /tasks/2' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Elsewhere' }));
  });
});
