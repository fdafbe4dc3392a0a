import { TIMELINE_ENTRY_KINDS } from '@patchbay/contracts';
import { toggleTimelineKind } from './timeline-filter';

describe('toggleTimelineKind', () => {
  it('narrows to the kinds chosen, in the chips’ order', () => {
    const first = toggleTimelineKind(null, 'command');
    expect(first).toEqual(['command']);
    expect(toggleTimelineKind(first, 'model_call')).toEqual(['model_call', 'command']);
  });

  it('goes back to every kind when the last one is unchosen or all are chosen', () => {
    expect(toggleTimelineKind(['command'], 'command')).toBeNull();
    let all: ReturnType<typeof toggleTimelineKind> = null;
    for (const kind of TIMELINE_ENTRY_KINDS) all = toggleTimelineKind(all, kind);
    expect(all).toBeNull();
  });
});
