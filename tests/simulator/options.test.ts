import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FAULT_PRESETS,
  resolveSimulationOptions,
  SIMULATION_DEFAULTS,
  SimulationOptionError,
} from '../../simulator/index.ts';

test('defaults fill what is left out, and the result is frozen', () => {
  const o = resolveSimulationOptions({ seed: 9 });
  assert.equal(o.seed, 9);
  assert.equal(o.minutes, SIMULATION_DEFAULTS.minutes);
  assert.equal(o.emgHz, 1000);
  assert.equal(o.accelHz, 50);
  assert.equal(o.frameMs, 200);
  assert.equal(o.encoding, 'binary');
  assert.deepEqual(o.faults, FAULT_PRESETS.light);
  assert.ok(Object.isFrozen(o));
  // The default night starts at 22:00 UTC on a day derived from the seed.
  assert.equal(new Date(o.startMs).toISOString().slice(10), 'T22:00:00.000Z');
  assert.equal(resolveSimulationOptions({ seed: 9 }).startMs, o.startMs);
});

test('each bad value is refused with the option named and the value shown', () => {
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ minutes: Number.NaN }, 'minutes', /minutes must be a positive number, got NaN/],
    [{ minutes: -1 }, 'minutes', /positive/],
    [{ minutes: 0.001 }, 'minutes', /at least one frame \(200 ms\)/],
    [{ seed: 1.5 }, 'seed', /non-negative integer/],
    [{ bands: 0 }, 'bands', /1 to 100/],
    [
      { profile: 'awful' },
      'profile',
      /must be one of none, occasional, typical, severe, restless, demo, got "awful"/,
    ],
    [{ emgHz: 100 }, 'emgHz', /250 to 4000/],
    [{ accelHz: 500 }, 'accelHz', /10 to 200/],
    [{ frameMs: 20 }, 'frameMs', /40 to 5000/],
    [{ encoding: 'xml' }, 'encoding', /binary, json, mixed/],
    [{ foot: 'left' }, 'foot', /random, all, none/],
    [{ topicPrefix: 'a/#' }, 'topicPrefix', /wildcards/],
    [{ firstCrampAtS: 9999, minutes: 10 }, 'firstCrampAtS', /within the night/],
    [{ faults: 'chaos' }, 'faults', /none, light, heavy/],
    [{ faults: { ...FAULT_PRESETS.none, lossProbability: 2 } }, 'faults.lossProbability', /probability/],
  ];
  for (const [input, option, message] of cases) {
    assert.throws(
      () => resolveSimulationOptions(input),
      (err: unknown) =>
        err instanceof SimulationOptionError && err.option === option && message.test(err.message),
      `${JSON.stringify(input)} should be refused as ${option}`,
    );
  }
});
