/** One night at a glance (`storage/night-summary.ts`, `NightSummary`). */
export const nightSummarySchema = {
  $id: 'NightSummary',
  type: 'object',
  required: [
    'date',
    'fromMs',
    'toMs',
    'cramps',
    'spasms',
    'plms',
    'plantarFlexedMinutes',
    'leadOffMinutes',
    'coverage',
    'dataMinutes',
  ],
  properties: {
    date: { type: 'string', description: 'local date of the noon the night starts at' },
    fromMs: { type: 'integer', description: 'local noon' },
    toMs: { type: 'integer', description: 'the next local noon' },
    cramps: {
      type: 'object',
      required: ['count', 'totalMs', 'longestMs', 'firstOnsetMs'],
      properties: {
        count: { type: 'integer' },
        totalMs: { type: 'number' },
        longestMs: { type: 'number' },
        firstOnsetMs: { type: ['integer', 'null'] },
      },
    },
    spasms: { type: 'integer' },
    plms: { type: 'integer', description: 'series of periodic limb movements' },
    plantarFlexedMinutes: { type: 'number' },
    leadOffMinutes: { type: 'number' },
    coverage: { type: 'number', description: 'fraction (0–1) of the night with data' },
    dataMinutes: { type: 'number' },
  },
} as const;

const minMax = {
  type: 'object',
  required: ['min', 'max'],
  properties: { min: { type: 'number' }, max: { type: 'number' } },
} as const;
const minMaxMean = {
  type: 'object',
  required: ['min', 'max', 'mean'],
  properties: { min: { type: 'number' }, max: { type: 'number' }, mean: { type: 'number' } },
} as const;

/** One downsampled stretch of a night's timeline (`storage/store.ts`, `TimelineBucket`). */
export const timelineBucketSchema = {
  $id: 'TimelineBucket',
  type: 'object',
  required: ['t', 'seconds', 'envUv', 'movementMg', 'flexionDeg', 'leadOffSeconds', 'plantarFlexedSeconds'],
  properties: {
    t: { type: 'integer', description: 'start of the bucket' },
    seconds: { type: 'integer', description: 'seconds of data in the bucket' },
    envUv: minMaxMean,
    movementMg: minMax,
    flexionDeg: {
      anyOf: [minMaxMean, { type: 'null' }],
      description: 'null when the ankle angle was never observable in the bucket',
    },
    leadOffSeconds: { type: 'integer' },
    plantarFlexedSeconds: { type: 'integer' },
  },
} as const;
