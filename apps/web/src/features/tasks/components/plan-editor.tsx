import type { Plan } from '@patchbay/contracts';
import { type DragEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';
import { EmptyState } from '../../../ui/states';
import { useTaskAction } from '../hooks/use-task-actions';
import {
  approvedSteps,
  type DraftStep,
  draftFromPlan,
  dropIndex,
  isEdited,
  moveStepTo,
  updateStep,
} from '../lib/plan-draft';
import {
  approvedTargetTests,
  draftFromTargetTests,
  type DraftTargetTest,
  targetTestsEdited,
} from '../lib/target-tests-draft';
import { TargetTestsEditor } from './target-tests-editor';

/** Mount it with `key` set to the plan's seq: a new plan (after a rejection) starts a fresh draft, other events keep the edits. */
export interface PlanEditorProps {
  taskId: string;
  plan: Plan | null;
  /** Editing and approval are offered only while the task awaits plan approval and the user may approve. */
  editable: boolean;
  /**
   * The plan's version in the review record (null before it loads). Decisions carry the version the
   * reviewer opened, and a newer version arriving while the reviewer has edits is announced (ADR 0017).
   */
  version?: number | null;
  /** Who made the shown version and who decided on it ("Version 2 · edited by alice · approved by bob"). */
  caption?: string;
}

type DropTarget = { index: number; position: 'before' | 'after' };

export function PlanEditor({ taskId, plan, editable, version = null, caption }: PlanEditorProps) {
  // The version the reviewer opened and edits: it stays while they have edits, even when a newer one arrives.
  const [base, setBase] = useState<{ plan: Plan | null; version: number | null }>(() => ({ plan, version }));
  const [submitted, setSubmitted] = useState(false);
  const [draft, setDraft] = useState<DraftStep[]>(() => draftFromPlan(plan?.steps ?? []));
  const [targets, setTargets] = useState<DraftTargetTest[]>(() => draftFromTargetTests(plan?.targetTests ?? []));
  const [expanded, setExpanded] = useState<string | null>(null);
  const [feedback, setFeedback] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [dragged, setDragged] = useState<number | null>(null);
  const [dropTarget, setDropTarget] = useState<DropTarget | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const action = useTaskAction(taskId);
  const handles = useRef(new Map<string, HTMLButtonElement>());
  const noteInputs = useRef(new Map<string, HTMLInputElement>());
  // After a keyboard move the moved step's handle keeps the focus; after "Add note", the note input takes it.
  const pendingFocus = useRef<{ id: string; target: 'handle' | 'note' } | null>(null);

  useEffect(() => {
    const focus = pendingFocus.current;
    if (!focus) return;
    pendingFocus.current = null;
    (focus.target === 'handle' ? handles.current : noteInputs.current).get(focus.id)?.focus();
  }, [draft, expanded]);

  const baseEdited =
    base.plan !== null && (isEdited(base.plan.steps, draft) || targetTestsEdited(base.plan.targetTests, targets));
  const newerVersion = version !== null && version !== base.version;
  useEffect(() => {
    if (!newerVersion) return;
    // A first version number (the record loaded), this reviewer's own approval, or no edits to keep: adopt the new version.
    if (base.version === null || submitted || !baseEdited) {
      setBase({ plan, version });
      if (!baseEdited || submitted) {
        setDraft(draftFromPlan(plan?.steps ?? []));
        setTargets(draftFromTargetTests(plan?.targetTests ?? []));
      }
    }
  }, [newerVersion, version, base.version, submitted, baseEdited, plan]);

  if (!plan) {
    return (
      <EmptyState>
        No plan yet. The planner proposes one after analysing the repository; it appears here for review.
      </EmptyState>
    );
  }

  const editing = base.plan ?? plan;
  const stepsEdited = isEdited(editing.steps, draft);
  const targetsEdited = targetTestsEdited(editing.targetTests, targets);
  const edited = stepsEdited || targetsEdited;
  const kept = draft.filter((step) => !step.dropped).length;
  // Another reviewer's version arrived while this one had edits, or the plan was decided while they edited: say so, keep nothing hidden.
  const stale = edited && !submitted && (newerVersion || !editable);
  const discardEdits = () => {
    setBase({ plan, version });
    setDraft(draftFromPlan(plan.steps));
    setTargets(draftFromTargetTests(plan.targetTests));
  };
  // A reviewer who can no longer edit sees the plan as it now stands, not their unapplied draft.
  const shownSteps = editable ? draft : draftFromPlan(plan.steps);

  const move = (from: number, to: number, viaKeyboard = false) => {
    const step = draft[from];
    if (!step || to < 0 || to >= draft.length || from === to) return;
    setDraft(moveStepTo(draft, from, to));
    setAnnouncement(`Step "${step.title}" moved to position ${to + 1} of ${draft.length}.`);
    if (viaKeyboard) pendingFocus.current = { id: step.id, target: 'handle' };
  };

  const onHandleKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const targets: Record<string, number> = {
      ArrowUp: index - 1,
      ArrowDown: index + 1,
      Home: 0,
      End: draft.length - 1,
    };
    const to = targets[event.key];
    if (to === undefined) return;
    event.preventDefault();
    move(index, to, true);
  };

  const onDragStart = (event: DragEvent<HTMLButtonElement>, index: number) => {
    setDragged(index);
    event.dataTransfer.effectAllowed = 'move';
    // Firefox starts a drag only when data is set; the row, not the handle, is the drag image.
    event.dataTransfer.setData('text/plain', draft[index]?.id ?? '');
    const row = event.currentTarget.closest('li');
    if (row) event.dataTransfer.setDragImage(row, 16, 16);
  };

  const onDragOver = (event: DragEvent<HTMLLIElement>, index: number) => {
    if (dragged === null) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const box = event.currentTarget.getBoundingClientRect();
    const position = event.clientY < box.top + box.height / 2 ? 'before' : 'after';
    if (dropTarget?.index !== index || dropTarget.position !== position) setDropTarget({ index, position });
  };

  const endDrag = () => {
    setDragged(null);
    setDropTarget(null);
  };

  const onDrop = (event: DragEvent<HTMLLIElement>, index: number) => {
    event.preventDefault();
    if (dragged !== null) {
      const position = dropTarget?.index === index ? dropTarget.position : 'after';
      move(dragged, dropIndex(dragged, index, position));
    }
    endDrag();
  };

  const addNote = (step: DraftStep) => {
    setExpanded(step.id);
    pendingFocus.current = { id: step.id, target: 'note' };
  };

  return (
    <div className="space-y-3" data-testid="plan-editor" data-plan-version={version ?? undefined}>
      {caption && (
        <p className="text-xs text-slate-400" data-testid="plan-version">
          {caption}
        </p>
      )}
      {stale && (
        <Banner tone="warning">
          <span data-testid="plan-stale">
            The plan changed since you opened it{caption ? ` (now: ${caption})` : ''}; your edits to version{' '}
            {base.version ?? '?'} were not applied.
          </span>{' '}
          <Button size="sm" variant="ghost" onClick={discardEdits}>
            {editable ? `Discard my edits and load version ${version ?? ''}`.trim() : 'Discard my edits'}
          </Button>
        </Banner>
      )}
      <p className="text-sm text-slate-300">{plan.summary}</p>
      {editable && (
        <p id="plan-reorder-help" className="text-xs text-slate-400">
          Reorder by dragging a step's ⠿ handle, with ↑/↓, or by focusing the handle and pressing the arrow keys
          (Home/End: first/last).
        </p>
      )}
      <p className="sr-only" aria-live="polite" data-testid="plan-announcement">
        {announcement}
      </p>
      <ol className="space-y-2">
        {shownSteps.map((step, index) => {
          const indicator =
            dropTarget?.index === index && dragged !== null && dragged !== index
              ? dropTarget.position === 'before'
                ? 'shadow-[0_-3px_0_0_#818cf8]'
                : 'shadow-[0_3px_0_0_#818cf8]'
              : '';
          const open = expanded === step.id;
          return (
            <li
              key={step.id}
              data-testid="plan-step"
              data-step-id={step.id}
              data-dropped={step.dropped}
              onDragOver={editable ? (event) => onDragOver(event, index) : undefined}
              onDrop={editable ? (event) => onDrop(event, index) : undefined}
              className={`rounded-md border px-3 py-2 ${step.dropped ? 'border-dashed border-slate-700 opacity-60' : 'border-slate-700 bg-slate-900'} ${dragged === index ? 'opacity-40' : ''} ${indicator}`}
            >
              <div className="flex items-start gap-2">
                {editable && (
                  <button
                    type="button"
                    draggable
                    ref={(element) => {
                      if (element) handles.current.set(step.id, element);
                      else handles.current.delete(step.id);
                    }}
                    onDragStart={(event) => onDragStart(event, index)}
                    onDragEnd={endDrag}
                    onKeyDown={(event) => onHandleKeyDown(event, index)}
                    aria-label={`Reorder step ${index + 1}`}
                    aria-describedby="plan-reorder-help"
                    className="mt-1 cursor-grab rounded px-1 text-slate-500 hover:text-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-400 active:cursor-grabbing"
                  >
                    ⠿
                  </button>
                )}
                <span className="mt-1.5 w-6 shrink-0 text-right font-mono text-xs text-slate-500">{index + 1}.</span>
                <div className="min-w-0 flex-1">
                  {editable ? (
                    <input
                      aria-label={`Step ${index + 1} title`}
                      className={`${inputClass} ${step.dropped ? 'line-through' : ''}`}
                      value={step.title}
                      disabled={step.dropped}
                      onChange={(e) => setDraft(updateStep(draft, step.id, { title: e.target.value }))}
                    />
                  ) : (
                    <span className={`block pt-1 text-sm ${step.dropped ? 'line-through' : ''}`}>{step.title}</span>
                  )}
                  {!open && step.note && (
                    <p className="mt-1 truncate text-xs text-amber-200" data-testid="plan-step-note">
                      Note: {step.note}
                    </p>
                  )}
                </div>
                <div className="flex shrink-0 items-center gap-1">
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setExpanded(open ? null : step.id)}
                    aria-expanded={open}
                    aria-label={`Details of step ${index + 1}`}
                  >
                    {open ? '▾' : '▸'}
                  </Button>
                  {editable && (
                    <>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => move(index, index - 1)}
                        disabled={index === 0}
                        aria-label={`Move step ${index + 1} up`}
                      >
                        ↑
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => move(index, index + 1)}
                        disabled={index === draft.length - 1}
                        aria-label={`Move step ${index + 1} down`}
                      >
                        ↓
                      </Button>
                      {!step.note && !open && !step.dropped && (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => addNote(step)}
                          aria-label={`Add a note to step ${index + 1}`}
                        >
                          + Note
                        </Button>
                      )}
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setDraft(updateStep(draft, step.id, { dropped: !step.dropped }))}
                        aria-label={`${step.dropped ? 'Restore' : 'Drop'} step ${index + 1}`}
                      >
                        {step.dropped ? 'Restore' : 'Drop'}
                      </Button>
                    </>
                  )}
                </div>
              </div>
              {open && (
                <div className="mt-2 space-y-2 pl-8 text-sm">
                  {editable ? (
                    <textarea
                      aria-label={`Step ${index + 1} detail`}
                      className={inputClass}
                      rows={3}
                      value={step.detail}
                      onChange={(e) => setDraft(updateStep(draft, step.id, { detail: e.target.value }))}
                    />
                  ) : (
                    <p className="whitespace-pre-wrap text-slate-300">{step.detail || 'No detail.'}</p>
                  )}
                  {step.files.length > 0 && <p className="font-mono text-xs text-slate-400">{step.files.join(', ')}</p>}
                  {editable ? (
                    <input
                      ref={(element) => {
                        if (element) noteInputs.current.set(step.id, element);
                        else noteInputs.current.delete(step.id);
                      }}
                      aria-label={`Step ${index + 1} note`}
                      className={inputClass}
                      placeholder="Add a note for the agent"
                      value={step.note ?? ''}
                      onChange={(e) => setDraft(updateStep(draft, step.id, { note: e.target.value }))}
                    />
                  ) : (
                    step.note && <p className="text-xs text-amber-200">Note: {step.note}</p>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <TargetTestsEditor
        draft={editable ? targets : draftFromTargetTests(plan.targetTests)}
        onChange={setTargets}
        editable={editable}
      />
      {action.error && <Banner tone="error">{describeError(action.error)}</Banner>}
      {editable && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <Button
              variant="primary"
              disabled={kept === 0 || action.isPending}
              onClick={() =>
                action.mutate(
                  {
                    kind: 'approve-plan',
                    steps: stepsEdited ? approvedSteps(draft) : undefined,
                    targetTests: targetsEdited ? approvedTargetTests(targets) : undefined,
                    ...(base.version === null ? {} : { baseVersion: base.version }),
                  },
                  { onSuccess: () => setSubmitted(true) },
                )
              }
            >
              {edited ? `Approve edited plan (${kept} steps)` : 'Approve plan'}
            </Button>
            <Button variant="danger" onClick={() => setRejecting(!rejecting)} aria-expanded={rejecting}>
              Reject…
            </Button>
            {edited && (
              <Button
                variant="ghost"
                onClick={() => {
                  setDraft(draftFromPlan(editing.steps));
                  setTargets(draftFromTargetTests(editing.targetTests));
                }}
              >
                Reset edits
              </Button>
            )}
            {kept === 0 && <span className="text-xs text-amber-200">Restore at least one step to approve.</span>}
          </div>
          {rejecting && (
            <form
              className="flex flex-col gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                action.mutate(
                  { kind: 'reject-plan', feedback, ...(base.version === null ? {} : { baseVersion: base.version }) },
                  { onSuccess: () => setSubmitted(true) },
                );
              }}
            >
              <label htmlFor="plan-feedback" className="text-sm text-slate-300">
                What should the planner do differently?
              </label>
              <textarea
                id="plan-feedback"
                className={inputClass}
                rows={3}
                value={feedback}
                onChange={(e) => setFeedback(e.target.value)}
              />
              <div>
                <Button type="submit" variant="danger" disabled={action.isPending || feedback.trim() === ''}>
                  Send feedback and re-plan
                </Button>
              </div>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
