import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrame, type Frame } from '../../protocol/index.ts';
import { FAULT_PRESETS, type FaultSettings } from '../../simulator/index.ts';
import { payloadBytes, runNight, statuses } from './helpers.ts';

const NONE: FaultSettings = FAULT_PRESETS.none;

/** The band's frames in arrival order, decoded, each with its position in the whole stream. */
function arrivals(faults: FaultSettings, minutes = 5) {
  const night = runNight({ seed: 21, minutes, faults, profile: 'none' });
  const frames: { at: number; frame: Frame; bytes: Uint8Array }[] = [];
  night.messages.forEach((m, at) => {
    if (m.kind !== 'frame') return;
    const d = decodeFrame(payloadBytes(m));
    assert.ok(d.ok);
    frames.push({ at, frame: d.value, bytes: payloadBytes(m) });
  });
  return { night, frames, band: night.truth.bands[0]! };
}

test('a gateway outage is uploaded late: resumed live at once, backlog in order between live frames', () => {
  const { night, frames, band } = arrivals({ ...NONE, outageAtS: 60, outageDurationS: 120 });
  const outage = band.events.find((e) => e.kind === 'outage');
  assert.ok(outage);
  // The gateway buffers what the band hands it during the outage: frames that end within it.
  const late = frames.filter((f) => f.frame.t0 + 200 >= outage.start && f.frame.t0 + 200 < outage.end);
  assert.equal(late.length, outage.frames);
  assert.equal(band.network.framesLate, late.length);
  assert.ok(late.length >= 590, `${late.length} frames buffered for 120 s`);
  // Each buffered frame arrives after some frame with a higher seq (newer, live) has arrived.
  const firstLive = frames.find((f) => f.frame.t0 + 200 >= outage.end)!;
  assert.ok(late.every((f) => f.at > firstLive.at));
  // In order among themselves.
  for (let i = 1; i < late.length; i++) assert.equal(late[i]!.frame.seq, late[i - 1]!.frame.seq + 1);
  // Interleaved: live frames keep coming while the backlog drains, several backlog frames per live one.
  const drainEnd = late.at(-1)!.at;
  const liveDuring = frames.filter(
    (f) => f.at > firstLive.at && f.at < drainEnd && f.frame.t0 + 200 >= outage.end,
  );
  assert.ok(liveDuring.length > 0);
  const ratio = late.length / (liveDuring.length + 1);
  assert.ok(ratio >= 3 && ratio <= 9, `${ratio} backlog frames per live frame`);
  // The broker announced the band offline (its will) during the outage, and it came back online.
  const said = statuses(night.messages, band.device);
  const offlineAt = said.findIndex((s, i) => !s.online && i < said.length - 1);
  assert.ok(offlineAt > 0, 'will published during the outage');
  assert.ok(said.slice(offlineAt + 1).some((s) => s.online));
});

test('duplicates repeat boot and seq with the same bytes, as many as the truth counts', () => {
  const { frames, band } = arrivals({ ...NONE, duplicateProbability: 0.02 });
  const seen = new Map<string, Uint8Array>();
  let dups = 0;
  for (const f of frames) {
    const key = `${f.frame.boot}:${f.frame.seq}`;
    const earlier = seen.get(key);
    if (earlier) {
      dups++;
      assert.deepEqual(f.bytes, earlier);
    } else seen.set(key, f.bytes);
  }
  assert.ok(dups > 10, `${dups} duplicates`);
  assert.equal(dups, band.network.duplicates);
});

test('lost frames are exactly the seqs that never arrive, spans as the truth gives them', () => {
  const { frames, band } = arrivals({
    ...NONE,
    lossProbability: 0.01,
    lossBurstsPerHour: 60,
    lossBurstMaxFrames: 15,
  });
  const arrived = new Set(frames.map((f) => f.frame.seq));
  const lost = new Set<number>();
  for (const e of band.events.filter((x) => x.kind === 'lost_frames')) {
    for (let k = 0; k < (e.frames as number); k++) lost.add((e.firstSeq as number) + k);
    assert.equal(e.end - e.start, (e.frames as number) * 200);
  }
  assert.ok(lost.size > 20, `${lost.size} lost`);
  assert.equal(band.network.framesLost, lost.size);
  assert.equal(band.network.framesGenerated, band.network.framesDelivered + band.network.framesLost);
  for (let seq = 0; seq < band.network.framesGenerated; seq++) {
    assert.notEqual(arrived.has(seq), lost.has(seq), `seq ${seq} either arrived or was lost`);
  }
});

test('a reboot starts a new boot at seq 0, announced by an online status, after a silence', () => {
  const { night, frames, band } = arrivals({ ...NONE, rebootAtS: 90 });
  const reboot = band.events.find((e) => e.kind === 'reboot');
  assert.ok(reboot);
  assert.equal(band.network.boots.length, 2);
  const [first, second] = band.network.boots;
  assert.equal(reboot.boot, second);
  assert.ok(
    frames.every((f) => f.frame.t0 + 200 <= reboot.start || f.frame.t0 >= reboot.end),
    'nothing while down',
  );
  const firstOfNew = frames.find((f) => f.frame.boot === second)!;
  assert.equal(firstOfNew.frame.seq, 0);
  assert.equal(firstOfNew.frame.t0, reboot.end);
  assert.ok(frames.filter((f) => f.at < firstOfNew.at).every((f) => f.frame.boot === first));
  const status = night.messages.slice(0, firstOfNew.at).findLast((m) => m.kind === 'status');
  assert.ok(status && JSON.parse(String(status.payload)).t === reboot.end, 'online status right before');
});
