import { act, screen } from '@testing-library/react';
import { renderWithApp } from '../testing/render-with-app';
import { AppShell } from './app-shell';
import { navigate, usePathname } from './router';

/** A page with a heading per path, as the real pages have. */
function Page() {
  const pathname = usePathname();
  return <h1>{pathname === '/settings' ? 'Settings' : 'Dashboard'}</h1>;
}

describe('AppShell', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('offers a skip link to the main content', () => {
    renderWithApp(<AppShell><Page /></AppShell>);
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(skip.getAttribute('href')).toBe('#main');
    expect(document.getElementById('main')?.tagName).toBe('MAIN');
  });

  it('moves focus to the new page heading after a navigation, not on the first load', () => {
    renderWithApp(<AppShell><Page /></AppShell>);
    expect(document.activeElement).toBe(document.body);
    act(() => navigate('/settings'));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Settings' }));
  });
});
