import { useEffect } from 'react';
import { useAwaitingReview } from '../hooks/use-awaiting-review';

const BASE_TITLE = 'Patchbay';

/**
 * The number of tasks awaiting the user's review, beside the navigation link and in the
 * document title ("(2) Patchbay"), so a background tab shows when a teammate needs you.
 */
export function AwaitingReviewNavCount() {
  const awaiting = useAwaitingReview();
  const count = awaiting.data?.count ?? 0;
  useEffect(() => {
    document.title = count > 0 ? `(${count}) ${BASE_TITLE}` : BASE_TITLE;
    return () => {
      document.title = BASE_TITLE;
    };
  }, [count]);
  if (count === 0) return null;
  return (
    <span
      className="ml-1 rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-slate-950"
      data-testid="awaiting-review-count"
      aria-label={`${count} awaiting your review`}
    >
      {count}
    </span>
  );
}
