import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FrameItem, GapItem, IngestItem, RebootItem } from '../../ingest/index.ts';
import {
  type Admission,
  DEFAULT_SEQUENCER_OPTIONS,
  Sequencer,
  type SequencerOptions,
} from '../../ingest/index.ts';
import { type Frame, frameSpanMs } from '../../protocol/index.ts';
import { contiguousFrames, makeFrame, T0 } from '../helpers/frames.ts';

const BAND = 'band-1';
const BOOT = 3_141_592;
const SPAN = 200;
/** The usual delay between a frame's end and its arrival, for tests that do not care. */
const LIVE_DELAY_MS = 150;

const frameAt = (seq: number, index: number, boot = BOOT) => makeFrame({ boot, seq, t0: T0 + index * SPAN });
const endOf = (f: Frame) => f.t0 + frameSpanMs(f);

function sequencer(options: Partial<SequencerOptions> = {}) {
  const s = new Sequencer({ ...DEFAULT_SEQUENCER_OPTIONS, ...options });
  /** Admits a frame arriving `delayMs` after its end. */
  const admit = (frame: Frame, delayMs = LIVE_DELAY_MS, device = BAND) =>
    s.admit(device, frame, endOf(frame) + delayMs);
  return { s, admit };
}

function accepted(a: Admission): Extract<Admission, { kind: 'accepted' }> {
  if (a.kind !== 'accepted') assert.fail(`expected accepted, got ${JSON.stringify(a)}`);
  return a;
}

/** Asserts an accepted admission whose only item is this frame, and returns its lateness. */
function acceptedAlone(a: Admission, frame: Frame): boolean {
  const { items, late } = accepted(a);
  assert.equal(items.length, 1, `expected just the frame, got ${items.map((i) => i.kind).join(', ')}`);
  const item = items[0] as FrameItem;
  assert.equal(item.kind, 'frame');
  assert.equal(item.frame, frame);
  assert.equal(item.late, late);
  return late;
}

const kinds = (items: readonly IngestItem[]) => items.map((i) => i.kind);

describe('Sequencer: in order', () => {
  it('accepts the first frame of a band, not late, with its arrival time', () => {
    const { s } = sequencer();
    const f = frameAt(4711, 0);
    const a = accepted(s.admit(BAND, f, endOf(f) + 80));
    assert.deepEqual(a.items, [
      { kind: 'frame', device: BAND, frame: f, late: false, receivedAt: endOf(f) + 80 },
    ]);
    assert.equal(a.late, false);
    assert.equal(a.gap, undefined);
  });

  it('accepts contiguous frames as live, with no gap', () => {
    const { admit } = sequencer();
    for (const f of contiguousFrames(50, { boot: BOOT, startSeq: 10, startT0: T0 })) {
      assert.equal(acceptedAlone(admit(f), f), false);
    }
  });

  it('drops an exact duplicate of the newest and of an older frame', () => {
    const { admit } = sequencer();
    const frames = contiguousFrames(5, { boot: BOOT, startSeq: 0, startT0: T0 });
    for (const f of frames) accepted(admit(f));
    assert.deepEqual(admit(frames[4]!), { kind: 'duplicate' });
    assert.deepEqual(admit(frames[0]!), { kind: 'duplicate' });
    assert.deepEqual(admit(frames[2]!, 60_000), { kind: 'duplicate' });
    // The duplicates changed nothing: the next frame follows without a gap.
    const next = frameAt(5, 5);
    assert.equal(acceptedAlone(admit(next), next), false);
  });

  it('treats seq 4294967295 → 0 as consecutive (seq wraps at 2^32), not a gap', () => {
    const { admit } = sequencer();
    const frames = contiguousFrames(4, { boot: BOOT, startSeq: 2 ** 32 - 2, startT0: T0 });
    assert.deepEqual(
      frames.map((f) => f.seq),
      [4294967294, 4294967295, 0, 1],
    );
    for (const f of frames) assert.equal(acceptedAlone(admit(f), f), false);
    assert.deepEqual(admit(frames[1]!), { kind: 'duplicate' });
  });

  it('reports a gap across the wrap and lets it be filled', () => {
    const { admit } = sequencer();
    accepted(admit(frameAt(4294967294, 0)));
    const a = accepted(admit(frameAt(1, 3)));
    assert.deepEqual(a.gap && { firstSeq: a.gap.firstSeq, missingFrames: a.gap.missingFrames }, {
      firstSeq: 4294967295,
      missingFrames: 2,
    });
    const zero = frameAt(0, 2);
    assert.equal(acceptedAlone(admit(zero), zero), true);
    const max = frameAt(4294967295, 1);
    assert.equal(acceptedAlone(admit(max), max), true);
    assert.deepEqual(admit(frameAt(0, 2)), { kind: 'duplicate' });
  });
});

describe('Sequencer: gaps and late fills', () => {
  /** Frames 0-2 live, then seq 6: frames 3, 4 and 5 are missing. */
  function withGap() {
    const seq = sequencer();
    for (let i = 0; i <= 2; i++) accepted(seq.admit(frameAt(i, i)));
    const six = frameAt(6, 6);
    return { ...seq, six, admission: accepted(seq.admit(six)) };
  }

  it('hands on a GapItem just before the frame that revealed it', () => {
    const { six, admission } = withGap();
    const gap: GapItem = {
      kind: 'gap',
      device: BAND,
      boot: BOOT,
      firstSeq: 3,
      missingFrames: 3,
      fromMs: T0 + 3 * SPAN, // the end of seq 2
      toMs: T0 + 6 * SPAN, // the t0 of seq 6
    };
    assert.deepEqual(admission.items, [
      gap,
      { kind: 'frame', device: BAND, frame: six, late: false, receivedAt: endOf(six) + LIVE_DELAY_MS },
    ]);
    assert.deepEqual(admission.gap, gap);
    assert.equal(admission.late, false);
  });

  it('accepts frames filling the gap as late, each once; re-sends are duplicates', () => {
    const { admit } = withGap();
    for (const i of [4, 3, 5]) {
      const f = frameAt(i, i);
      assert.equal(acceptedAlone(admit(f, 5_000), f), true, `seq ${i} fills the gap: late`);
      assert.deepEqual(admit(f, 6_000), { kind: 'duplicate' }, `seq ${i} sent again`);
    }
    for (const i of [3, 4, 5]) assert.deepEqual(admit(frameAt(i, i)), { kind: 'duplicate' });
    // The live stream carries on unaffected.
    const seven = frameAt(7, 7);
    assert.equal(acceptedAlone(admit(seven), seven), false);
  });

  it('accepts every missing seq of a long gap exactly once, whatever the order and re-sends', () => {
    const { admit } = sequencer();
    accepted(admit(frameAt(0, 0)));
    const gap = accepted(admit(frameAt(41, 41))).gap;
    assert.equal(gap?.missingFrames, 40);
    const acceptedCount = new Map<number, number>();
    // A fixed permutation of 1..40 (17 is coprime with 40), each seq sent three times.
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 40; k++) {
        const i = ((k * 17 + round * 5) % 40) + 1;
        const a = admit(frameAt(i, i), 10_000);
        if (a.kind === 'accepted') {
          assert.deepEqual(kinds(a.items), ['frame']);
          assert.equal(a.late, true);
          acceptedCount.set(i, (acceptedCount.get(i) ?? 0) + 1);
        } else assert.equal(a.kind, 'duplicate', `seq ${i}: ${JSON.stringify(a)}`);
      }
    }
    assert.equal(acceptedCount.size, 40);
    assert.ok([...acceptedCount.values()].every((n) => n === 1));
  });

  it('rejects a fill whose t0 lies outside its gap, and still takes the right one', () => {
    const { s, admit } = withGap();
    const wrong = makeFrame({ boot: BOOT, seq: 4, t0: T0 + 60_000 });
    const a = s.admit(BAND, wrong, endOf(wrong));
    assert.equal(a.kind, 'rejected');
    assert.equal(a.kind === 'rejected' && a.rejection.code, 't0-discontinuous');
    const four = frameAt(4, 4);
    assert.equal(acceptedAlone(admit(four), four), true);
    assert.equal(accepted(admit(frameAt(3, 3))).late, true);
    assert.equal(accepted(admit(frameAt(5, 5))).late, true);
  });
});

describe('Sequencer: t0 continuity', () => {
  for (const offsetMs of [-50, -1, 0, 1, 50]) {
    it(`accepts the next seq with t0 off by ${offsetMs} ms`, () => {
      const { admit } = sequencer();
      accepted(admit(frameAt(0, 0)));
      const next = makeFrame({ boot: BOOT, seq: 1, t0: T0 + SPAN + offsetMs });
      assert.equal(acceptedAlone(admit(next), next), false);
    });
  }

  for (const offsetMs of [-51, 51, -5_000, 3_600_000]) {
    it(`rejects the next seq with t0 off by ${offsetMs} ms as t0-discontinuous, changing nothing`, () => {
      const { admit } = sequencer();
      accepted(admit(frameAt(0, 0)));
      const bad = makeFrame({ boot: BOOT, seq: 1, t0: T0 + SPAN + offsetMs });
      const a = admit(bad);
      assert.equal(a.kind, 'rejected');
      if (a.kind === 'rejected') {
        assert.equal(a.rejection.code, 't0-discontinuous');
        assert.match(a.rejection.message, /seq 1/);
      }
      // Nothing lost, nothing invented: the right seq 1 is accepted as the next frame.
      const good = frameAt(1, 1);
      assert.equal(acceptedAlone(admit(good), good), false);
      const two = frameAt(2, 2);
      assert.equal(acceptedAlone(admit(two), two), false);
    });
  }

  it('rejects a frame ahead in seq whose t0 goes back in time, leaving no gap behind', () => {
    const { admit } = sequencer();
    accepted(admit(frameAt(0, 0)));
    accepted(admit(frameAt(1, 1)));
    const a = admit(makeFrame({ boot: BOOT, seq: 9, t0: T0 }));
    assert.equal(a.kind === 'rejected' && a.rejection.code, 't0-discontinuous');
    const two = frameAt(2, 2);
    assert.equal(acceptedAlone(admit(two), two), false);
    // Had seq 9 been taken, 3..8 would now be a gap and seq 9 a duplicate.
    const nine = frameAt(9, 9);
    assert.equal(accepted(admit(nine)).gap?.firstSeq, 3);
  });
});

describe('Sequencer: reboots', () => {
  const NEW_BOOT = 27_182_818;

  function rebooted() {
    const seq = sequencer();
    for (let i = 0; i < 5; i++) accepted(seq.admit(frameAt(100 + i, i)));
    // The band restarts 3 s later: a new boot id, seq from 0.
    const first = makeFrame({ boot: NEW_BOOT, seq: 0, t0: T0 + 5 * SPAN + 3_000 });
    return { ...seq, first, admission: accepted(seq.admit(first)) };
  }

  it('hands on a RebootItem and then the frame of the new boot, live', () => {
    const { first, admission } = rebooted();
    const reboot: RebootItem = { kind: 'reboot', device: BAND, previousBoot: BOOT, boot: NEW_BOOT };
    assert.deepEqual(kinds(admission.items), ['reboot', 'frame']);
    assert.deepEqual(admission.items[0], reboot);
    assert.equal((admission.items[1] as FrameItem).frame, first);
    assert.equal(admission.late, false);
    assert.equal(admission.gap, undefined);
  });

  it('restarts seq for the new boot without a gap', () => {
    const { admit, first } = rebooted();
    for (let i = 1; i < 5; i++) {
      const f = makeFrame({ boot: NEW_BOOT, seq: i, t0: first.t0 + i * SPAN });
      assert.equal(acceptedAlone(admit(f), f), false);
    }
    assert.deepEqual(admit(first), { kind: 'duplicate' });
  });

  it('accepts frames of the previous boot arriving afterwards as late, not as a reboot', () => {
    const { admit, first } = rebooted();
    // The gateway uploads the last frames of the old boot it had buffered.
    for (let i = 5; i < 8; i++) {
      const f = frameAt(100 + i, i);
      assert.equal(acceptedAlone(admit(f, 10), f), true);
      assert.deepEqual(admit(f), { kind: 'duplicate' });
    }
    // ...and the new boot carries on with no second reboot.
    const next = makeFrame({ boot: NEW_BOOT, seq: 1, t0: first.t0 + SPAN });
    assert.equal(acceptedAlone(admit(next), next), false);
  });

  it('fills a gap of the previous boot after the reboot', () => {
    const { admit } = sequencer();
    accepted(admit(frameAt(0, 0)));
    accepted(admit(frameAt(3, 3)));
    accepted(admit(makeFrame({ boot: 9, seq: 0, t0: T0 + 10_000 })));
    assert.equal(accepted(admit(frameAt(1, 1))).late, true);
    assert.equal(accepted(admit(frameAt(2, 2))).late, true);
    assert.deepEqual(admit(frameAt(2, 2)), { kind: 'duplicate' });
  });
});

describe('Sequencer: backlog older than the first frame seen', () => {
  it('accepts older seqs uploaded after the service started mid-stream as late, each once', () => {
    const { admit } = sequencer();
    // The service starts while the band is at seq 100; its gateway then uploads 50..99.
    const live = frameAt(100, 100);
    assert.equal(acceptedAlone(admit(live), live), false);
    for (let i = 50; i < 100; i++) {
      const f = frameAt(i, i);
      const a = admit(f, (100 - i) * SPAN);
      assert.deepEqual(kinds(accepted(a).items), ['frame'], `seq ${i}: no gap or reboot item`);
      assert.equal(accepted(a).late, true, `seq ${i} is late`);
    }
    for (const i of [50, 60, 99, 100]) assert.deepEqual(admit(frameAt(i, i)), { kind: 'duplicate' });
    const next = frameAt(101, 101);
    assert.equal(acceptedAlone(admit(next), next), false);
  });

  it('accepts a backlog uploaded out of order, every seq once', () => {
    const { admit } = sequencer();
    accepted(admit(frameAt(20, 20)));
    accepted(admit(frameAt(10, 10), 60_000));
    for (const i of [15, 12, 19, 11, 5, 13, 14, 16, 17, 18, 6, 7, 8, 9]) {
      assert.equal(accepted(admit(frameAt(i, i), 60_000)).late, true, `seq ${i}`);
    }
    for (let i = 5; i <= 20; i++) assert.deepEqual(admit(frameAt(i, i)), { kind: 'duplicate' }, `seq ${i}`);
  });

  it('rejects an older seq whose samples overlap the oldest frame seen', () => {
    const { admit } = sequencer();
    accepted(admit(frameAt(100, 100)));
    const overlapping = makeFrame({ boot: BOOT, seq: 99, t0: T0 + 100 * SPAN });
    const a = admit(overlapping);
    assert.equal(a.kind === 'rejected' && a.rejection.code, 't0-discontinuous');
    assert.equal(accepted(admit(frameAt(99, 99))).late, true);
  });
});

describe('Sequencer: lateness by delay', () => {
  const LATE_AFTER = 30_000;

  it('never marks a band with a steady delay late, however long the delay', () => {
    const { admit } = sequencer({ lateAfterMs: LATE_AFTER });
    for (const f of contiguousFrames(200, { boot: BOOT, startSeq: 0, startT0: T0 })) {
      assert.equal(acceptedAlone(admit(f, 45_000 + (f.seq % 7) * 100), f), false);
    }
  });

  it('marks a block arriving lateAfterMs beyond the smallest delay late, and live frames after it not', () => {
    const { admit } = sequencer({ lateAfterMs: LATE_AFTER });
    const frames = contiguousFrames(300, { boot: BOOT, startSeq: 0, startT0: T0 });
    const lateness = frames.map((f) => {
      const i = f.seq;
      // 0-99 live (2 s delay); 100-199 buffered by a gateway and uploaded in one go 20 s after
      // frame 199 ended; 200-299 live again.
      const receivedAt = i < 100 || i >= 200 ? endOf(f) + 2_000 : endOf(frames[199]!) + 20_000;
      return accepted(admit(f, receivedAt - endOf(f))).late;
    });
    assert.ok(lateness.slice(0, 100).every((late) => !late));
    assert.ok(lateness.slice(200).every((late) => !late));
    // In the block, a frame is late when it waited more than 2 s + 30 s.
    for (let i = 100; i < 200; i++) {
      const waited = endOf(frames[199]!) + 20_000 - endOf(frames[i]!);
      assert.equal(lateness[i], waited > 2_000 + LATE_AFTER, `seq ${i} waited ${waited} ms`);
    }
    assert.equal(lateness[100], true);
    assert.equal(lateness[199], false);
  });

  it('never marks an accelerated replay late (arrival clock 60x slower than frame time)', () => {
    const { s } = sequencer({ lateAfterMs: LATE_AFTER });
    const replayStart = T0 + 30 * 86_400_000; // a month later
    for (const f of contiguousFrames(3_000, { boot: BOOT, startSeq: 0, startT0: T0 })) {
      const receivedAt = replayStart + Math.floor((endOf(f) - T0) / 60);
      assert.equal(acceptedAlone(s.admit(BAND, f, receivedAt), f), false);
    }
  });

  it('marks late frames in a replay just like live (relative to the band, not the service clock)', () => {
    const { s } = sequencer({ lateAfterMs: LATE_AFTER });
    const replayStart = T0 + 30 * 86_400_000;
    const frames = contiguousFrames(10, { boot: BOOT, startSeq: 0, startT0: T0 });
    for (const f of frames.slice(0, 5)) accepted(s.admit(BAND, f, replayStart + endOf(f) - T0));
    const delayed = frames[5]!;
    assert.equal(
      accepted(s.admit(BAND, delayed, replayStart + endOf(delayed) - T0 + LATE_AFTER + 1)).late,
      true,
    );
  });
});

describe('Sequencer: many devices', () => {
  it('keeps every band independent', () => {
    const { admit, s } = sequencer();
    const a = contiguousFrames(10, { boot: 1, startSeq: 0, startT0: T0 });
    const b = contiguousFrames(10, { boot: 1, startSeq: 0, startT0: T0 }); // same boot and seqs as a
    const c = contiguousFrames(10, { boot: 2, startSeq: 500, startT0: T0 + 7 });
    for (let i = 0; i < 10; i++) {
      for (const [device, frames] of [
        ['a', a],
        ['b', b],
        ['c', c],
      ] as const) {
        if (device === 'b' && i === 5) continue; // b loses one frame
        const f = frames[i]!;
        const adm = accepted(admit(f, LIVE_DELAY_MS, device));
        assert.deepEqual(
          kinds(adm.items),
          device === 'b' && i === 6 ? ['gap', 'frame'] : ['frame'],
          `${device} ${i}`,
        );
      }
    }
    assert.equal(s.deviceCount, 3);
    // c reboots; a and b are not affected.
    assert.deepEqual(kinds(accepted(admit(makeFrame({ boot: 3, seq: 0, t0: T0 + 5_000 }), 0, 'c')).items), [
      'reboot',
      'frame',
    ]);
    assert.equal(accepted(admit(b[5]!, 0, 'b')).late, true);
    assert.equal(admit(a[5]!, 0, 'a').kind, 'duplicate');
    const aNext = makeFrame({ boot: 1, seq: 10, t0: T0 + 10 * SPAN });
    assert.deepEqual(kinds(accepted(admit(aNext, LIVE_DELAY_MS, 'a')).items), ['frame']);
  });
});

describe('Sequencer: bounded memory', () => {
  it('remembers at most maxMissingRanges gaps: the oldest are forgotten, the newest still fill', () => {
    const { admit } = sequencer({ maxMissingRanges: 4 });
    // Frames 0, 2, 4, …, 20: ten gaps of one frame each (1, 3, …, 19).
    for (let i = 0; i <= 20; i += 2) accepted(admit(frameAt(i, i)));
    for (const i of [1, 3, 5, 7, 9, 11])
      assert.equal(admit(frameAt(i, i)).kind, 'duplicate', `seq ${i} forgotten`);
    for (const i of [13, 15, 17, 19]) assert.equal(accepted(admit(frameAt(i, i))).late, true, `seq ${i}`);
  });

  it('stays bounded when fills split one huge gap into many', () => {
    const { admit } = sequencer({ maxMissingRanges: 4 });
    accepted(admit(frameAt(0, 0)));
    accepted(admit(frameAt(1001, 1001)));
    // Filling every other frame would leave 500 one-frame holes.
    for (let i = 2; i <= 1000; i += 2)
      assert.equal(admit(frameAt(i, i), 60_000).kind, 'accepted', `seq ${i}`);
    let stillFillable = 0;
    for (let i = 1; i <= 999; i += 2) if (admit(frameAt(i, i)).kind === 'accepted') stillFillable++;
    assert.ok(stillFillable <= 4, `${stillFillable} holes remembered, bound is 4`);
  });

  it('remembers at most maxPreviousBoots earlier boots', () => {
    const { admit } = sequencer({ maxPreviousBoots: 1 });
    accepted(admit(makeFrame({ boot: 1, seq: 0, t0: T0 })));
    accepted(admit(makeFrame({ boot: 2, seq: 0, t0: T0 + 1_000 })));
    accepted(admit(makeFrame({ boot: 3, seq: 0, t0: T0 + 2_000 })));
    // Boot 2 is still known: its next frame is late, not a reboot.
    assert.deepEqual(kinds(accepted(admit(makeFrame({ boot: 2, seq: 1, t0: T0 + 1_200 }))).items), ['frame']);
  });
});
