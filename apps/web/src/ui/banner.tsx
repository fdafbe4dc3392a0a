import type { ReactNode } from 'react';

const TONES = {
  error: 'border-rose-700 bg-rose-950/60 text-rose-100',
  info: 'border-sky-700 bg-sky-950/60 text-sky-100',
  success: 'border-emerald-700 bg-emerald-950/60 text-emerald-100',
  warning: 'border-amber-700 bg-amber-950/60 text-amber-100',
} as const;

export interface BannerProps {
  tone?: keyof typeof TONES;
  children: ReactNode;
  onDismiss?: () => void;
}

export function Banner({ tone = 'info', children, onDismiss }: BannerProps) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm ${TONES[tone]}`}
    >
      <div>{children}</div>
      {onDismiss && (
        <button
          type="button"
          onClick={onDismiss}
          className="rounded px-1 text-xs opacity-80 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-current"
          aria-label="Dismiss"
        >
          ✕
        </button>
      )}
    </div>
  );
}
