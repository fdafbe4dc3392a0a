import { useCallback, useEffect, useState } from 'react';
import { type DiffReview, EMPTY_REVIEW, type LineComment } from '../lib/diff-review';

const storageKey = (taskId: string) => `patchbay.diff-review.${taskId}`;

function readReview(taskId: string): DiffReview {
  try {
    const raw = sessionStorage.getItem(storageKey(taskId));
    if (!raw) return EMPTY_REVIEW;
    const parsed = JSON.parse(raw) as Partial<DiffReview>;
    return {
      summary: typeof parsed.summary === 'string' ? parsed.summary : '',
      comments: Array.isArray(parsed.comments) ? parsed.comments : [],
    };
  } catch {
    return EMPTY_REVIEW;
  }
}

let nextId = 0;

/**
 * The reviewer's draft of a diff review (summary and inline comments). It lives in sessionStorage
 * so that switching tabs, which unmounts the diff view, or reloading the page keeps it until it is sent.
 */
export function useDiffReview(taskId: string) {
  const [review, setReview] = useState<DiffReview>(() => readReview(taskId));

  useEffect(() => {
    if (review.summary === '' && review.comments.length === 0) sessionStorage.removeItem(storageKey(taskId));
    else sessionStorage.setItem(storageKey(taskId), JSON.stringify(review));
  }, [taskId, review]);

  const setSummary = useCallback((summary: string) => setReview((current) => ({ ...current, summary })), []);
  const addComment = useCallback((comment: Omit<LineComment, 'id'>) => {
    nextId += 1;
    const id = `${Date.now().toString(36)}-${nextId}`;
    setReview((current) => ({ ...current, comments: [...current.comments, { ...comment, id }] }));
  }, []);
  const removeComment = useCallback(
    (id: string) =>
      setReview((current) => ({ ...current, comments: current.comments.filter((comment) => comment.id !== id) })),
    [],
  );
  const clear = useCallback(() => setReview(EMPTY_REVIEW), []);

  return { review, setSummary, addComment, removeComment, clear };
}
