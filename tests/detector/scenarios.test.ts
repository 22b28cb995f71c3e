import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeRecording } from '../../app/analyze-recording.ts';
import { createDetector, type DetectorInput, type SecondSummary } from '../../detector/index.ts';
import { type CrampWatchEvent, encodeBinaryFrame, type Frame, frameSpanMs } from '../../protocol/index.ts';
import { createRecordingWriter } from '../../recording/index.ts';
import { LEFT_SIDE, realContraction, realWalking, type Segment, SUPINE, scenarioFrames } from './scenario.ts';

const T0 = 1_764_201_600_000;

/** Final events (end phases) of the frames through one detector, with gaps where frames are missing. */
function detect(
  frames: readonly Frame[],
  extra: (i: number) => DetectorInput[] = () => [],
): CrampWatchEvent[] {
  const detector = createDetector();
  const events: CrampWatchEvent[] = [];
  const take = (outs: ReturnType<typeof detector.push>) => {
    for (const o of outs) if (o.phase === 'end') events.push(o.event);
  };
  frames.forEach((frame, i) => {
    for (const input of extra(i)) take(detector.push('band-t', input));
    take(detector.push('band-t', { kind: 'frame', frame, late: false }));
  });
  take(detector.finish());
  return events;
}

const kinds = (events: readonly CrampWatchEvent[], kind: string) => events.filter((e) => e.kind === kind);

const rest = (seconds: number, pose = SUPINE): Segment => ({ seconds, shank: pose.shank, foot: pose.foot });

describe('detector scenarios', () => {
  test('a real sustained contraction, leg still, looped past 10 s: one cramp, its start at the onset', () => {
    const frames = scenarioFrames([rest(90), { seconds: 40, emg: realContraction(80) }, rest(30)]);
    const cramps = kinds(detect(frames), 'cramp');
    assert.equal(cramps.length, 1, JSON.stringify(cramps));
    const onset = T0 + 90_000;
    assert.ok(
      Math.abs(cramps[0]!.start - onset) <= 1000,
      `start ${cramps[0]!.start - onset} ms from the onset`,
    );
    assert.ok(
      Math.abs(cramps[0]!.end! - (onset + 40_000)) <= 3000,
      `end ${cramps[0]!.end! - onset - 40_000} ms off`,
    );
  });

  test('the silent tension rise before a cramp is not its onset: the start is the step up', () => {
    const texture = realContraction(1);
    // 52 s climbing to about 6x a 3 µV rest (Chaney & Sherman: +100-500% over 41 ± 11 s): above
    // the activity threshold for the last 15 s or so, then the cramp.
    const rise = { seconds: 52, emg: (tS: number) => texture(tS) * 20 * (tS / 52) ** 1.5 };
    const frames = scenarioFrames([rest(90), rise, { seconds: 30, emg: realContraction(120) }, rest(30)]);
    const cramps = kinds(detect(frames), 'cramp');
    assert.equal(cramps.length, 1, JSON.stringify(cramps));
    const step = T0 + 142_000;
    assert.ok(Math.abs(cramps[0]!.start - step) <= 1500, `start ${cramps[0]!.start - step} ms from the step`);
  });

  test('a sustained still contraction that climbs with no clear step is still a cramp', () => {
    const texture = realContraction(1);
    const ramp = { seconds: 40, emg: (tS: number) => texture(tS) * (10 + 2 * tS) };
    const frames = scenarioFrames([rest(90), ramp, rest(30)]);
    assert.equal(kinds(detect(frames), 'cramp').length, 1);
  });

  test('a cramp while lying on the side is found, with the foot position unknown', () => {
    const side = LEFT_SIDE;
    const frames = scenarioFrames([
      rest(90, side),
      { seconds: 30, emg: realContraction(60), ...side },
      rest(30, side),
    ]);
    const cramps = kinds(detect(frames), 'cramp');
    assert.equal(cramps.length, 1);
    assert.equal(cramps[0]!.angleDeg, null);
  });

  test('a cramp on a band without the foot clip is found', () => {
    const frames = scenarioFrames([
      { seconds: 90, foot: null },
      { seconds: 30, emg: realContraction(60), foot: null },
      { seconds: 30, foot: null },
    ]);
    assert.equal(kinds(detect(frames), 'cramp').length, 1);
  });

  test('a cramp that straddles lost frames is one event, and the gap is reported', () => {
    const frames = scenarioFrames([rest(90), { seconds: 40, emg: realContraction(80) }, rest(30)]);
    const lost = new Set([560, 561, 562, 563, 564, 565, 566, 567]); // 1.6 s in the middle of the cramp
    const kept = frames.filter((_, i) => !lost.has(i));
    const events = detect(kept, (i) => {
      const frame = kept[i]!;
      const previous = kept[i - 1];
      if (!previous || frame.seq === previous.seq + 1) return [];
      return [{ kind: 'gap', fromMs: previous.t0 + frameSpanMs(previous), toMs: frame.t0 }];
    });
    assert.equal(kinds(events, 'cramp').length, 1);
    assert.equal(kinds(events, 'signal_gap').length, 1);
  });

  test('periodic limb movements 20 s apart are never a cramp (a PLM series)', () => {
    const segments: Segment[] = [rest(60)];
    for (let i = 0; i < 10; i++)
      segments.push({ seconds: 2.4, emg: realContraction(40), movingMg: 40 }, rest(17.6));
    const events = detect(scenarioFrames(segments));
    assert.equal(kinds(events, 'cramp').length, 0);
    assert.equal(kinds(events, 'spasm').length, 0, 'members of a PLM series are not spasms');
    assert.equal(kinds(events, 'plm').length, 1);
  });

  test('30 s of turning over is never a cramp', () => {
    const frames = scenarioFrames([
      rest(90),
      { seconds: 30, emg: realWalking(1.5), movingMg: 400, shank: [0, -700, -700], foot: [700, -700, 0] },
      rest(60, LEFT_SIDE),
    ]);
    assert.equal(kinds(detect(frames), 'cramp').length, 0);
  });

  test('real walking bursts are never a cramp', () => {
    const frames = scenarioFrames([rest(60), { seconds: 60, emg: realWalking(1), movingMg: 300 }, rest(30)]);
    assert.equal(kinds(detect(frames), 'cramp').length, 0);
  });

  test('lead-off (the band says so, the EMG rails) is never a cramp, and is reported', () => {
    const rails = (tS: number) => (Math.floor(tS * 7) % 2 === 0 ? 3276 : -3276);
    const frames = scenarioFrames([rest(90), { seconds: 60, emg: rails }, rest(60)]);
    const events = detect(frames, (i) =>
      i === 450
        ? [{ kind: 'status', status: { v: 1, online: true, leadOff: true }, receivedAt: frames[i]!.t0 }]
        : [],
    );
    assert.equal(kinds(events, 'cramp').length, 0);
    assert.ok(kinds(events, 'lead_off').length >= 1);
  });

  test('a cramp across a gateway outage uploaded late is one event (analyze, the live path)', async () => {
    const frames = scenarioFrames([rest(90), { seconds: 60, emg: realContraction(80) }, rest(40)]);
    const dir = await mkdtemp(join(tmpdir(), 'crampwatch-outage-'));
    try {
      const path = join(dir, 'outage.jsonl');
      const writer = createRecordingWriter(path);
      const outage = new Set(frames.map((_, i) => i).filter((i) => i >= 500 && i < 600)); // 20 s mid-cramp
      const backlog: Frame[] = [];
      for (const [i, frame] of frames.entries()) {
        if (outage.has(i)) {
          backlog.push(frame);
          continue;
        }
        await writer.write('crampwatch/v1/band-o/frame', encodeBinaryFrame(frame));
        // After the outage the gateway uploads its backlog interleaved with live frames.
        for (const late of backlog.splice(0, i >= 600 ? 5 : 0)) {
          await writer.write('crampwatch/v1/band-o/frame', encodeBinaryFrame(late));
        }
      }
      await writer.close();
      const events: CrampWatchEvent[] = [];
      await analyzeRecording(path, 'crampwatch/v1', {
        onProblem: (line, reason) => assert.fail(`line ${line}: ${reason}`),
        onOutput: (o) => {
          if (o.phase === 'end') events.push(o.event);
        },
      });
      assert.equal(kinds(events, 'cramp').length, 1, JSON.stringify(kinds(events, 'cramp')));
      assert.equal(kinds(events, 'cramp')[0]!.late, false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a quiet backlog uploaded late in a humming room reads quiet from its first second (hum notched from the start)', () => {
    const frames = scenarioFrames([rest(180)], { humUv: 60 });
    const seconds: SecondSummary[] = [];
    const detector = createDetector({ onSecond: (s) => seconds.push(s) });
    const found: CrampWatchEvent[] = [];
    const take = (outs: ReturnType<typeof detector.push>) => {
      for (const o of outs) if (o.phase === 'end' && o.event.kind !== 'signal_gap') found.push(o.event);
    };
    const missing = (i: number) => i >= 300 && i < 450;
    frames.forEach((frame, i) => {
      if (missing(i)) return;
      if (i === 450) {
        take(detector.push('band-h', { kind: 'gap', fromMs: frames[300]!.t0, toMs: frame.t0 }));
      }
      take(detector.push('band-h', { kind: 'frame', frame, late: false }));
    });
    const lateFrom = frames[300]!.t0;
    const liveSeconds = seconds.length;
    for (const [i, frame] of frames.entries()) {
      if (missing(i)) take(detector.push('band-h', { kind: 'frame', frame, late: true }));
    }
    take(detector.finish());
    const late = seconds.slice(liveSeconds).filter((s) => s.t >= lateFrom);
    assert.ok(late.length >= 25, `${late.length} late seconds summarised`);
    const loudest = Math.max(...late.map((s) => s.envMaxUv));
    assert.ok(loudest < 10, `the backlog's loudest second reads ${loudest} µV of a 3 µV rest`);
    assert.deepEqual(
      found.map((e) => `${e.kind} late=${e.late}`),
      [],
    );
  });

  test('the detector names the events it holds open (for closing orphans after a restart)', () => {
    const frames = scenarioFrames([rest(90), { seconds: 40, emg: realContraction(80) }, rest(30)]);
    const detector = createDetector();
    let startedId: string | undefined;
    let openMidCramp: string[] = [];
    frames.forEach((frame, i) => {
      for (const o of detector.push('band-x', { kind: 'frame', frame, late: false })) {
        if (o.phase === 'start' && o.event.kind === 'cramp') startedId = o.event.id;
      }
      if (i === 5 * 120) openMidCramp = detector.openEventIds('band-x');
    });
    assert.ok(startedId !== undefined);
    assert.deepEqual(openMidCramp, [startedId]);
    assert.deepEqual(detector.openEventIds('band-x'), [], 'nothing open once the cramp ended');
    assert.deepEqual(detector.openEventIds('band-unknown'), []);
  });
});
