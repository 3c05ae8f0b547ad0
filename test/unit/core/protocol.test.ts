/** The messages the event-loop view added to the protocol: the host's `view` and the snapshot's `loop`. */
import * as assert from 'node:assert/strict';
import { isFromWebview, isToWebview, type SnapshotMessage } from '../../../src/core/protocol';

const snapshot: SnapshotMessage = {
  type: 'snapshot',
  id: 1,
  lanes: ['script'],
  step: 0,
  steps: 1,
  stepText: '1 / 1',
  currentJob: '',
  selected: '',
  console: [],
  promises: [],
  view: 'loop',
  loop: {
    stack: ['#1 main script'],
    queues: [{ label: 'timers', items: ['#3 setTimeout 5 ms'] }],
    console: [],
    why: '',
  },
};

describe('event-loop view messages (core/protocol)', () => {
  it('accepts a view message naming one of the two views, and nothing else', () => {
    assert.ok(isToWebview({ type: 'view', view: 'loop' }));
    assert.ok(isToWebview({ type: 'view', view: 'timeline' }));
    assert.ok(!isToWebview({ type: 'view', view: 'lanes' }));
    assert.ok(!isToWebview({ type: 'view' }));
  });

  it("checks a snapshot's view and its event-loop boxes", () => {
    assert.ok(isFromWebview(snapshot));
    assert.ok(!isFromWebview({ ...snapshot, view: 'other' }));
    assert.ok(!isFromWebview({ ...snapshot, loop: undefined }));
    assert.ok(!isFromWebview({ ...snapshot, loop: { ...snapshot.loop, queues: [{ label: 'timers', items: [3] }] } }));
    assert.ok(!isFromWebview({ ...snapshot, loop: { ...snapshot.loop, why: null } }));
  });
});
