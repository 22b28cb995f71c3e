/** A band's latest second (`api/live/live-view.ts`, `LiveView`). */
export const liveViewSchema = {
  $id: 'LiveView',
  type: 'object',
  required: ['at', 'quality', 'envUv', 'baselineUv', 'movementMg', 'foot', 'flexionDeg', 'posture'],
  properties: {
    at: { type: 'integer', description: 'band time of the latest second' },
    quality: { type: 'string', enum: ['good', 'noisy', 'lead_off'] },
    envUv: { type: 'number' },
    baselineUv: { type: ['number', 'null'] },
    movementMg: { type: 'number' },
    foot: {
      type: 'string',
      enum: ['plantar_flexed', 'neutral', 'unknown'],
      description: 'unknown when the ankle angle is not observable',
    },
    flexionDeg: { type: ['number', 'null'] },
    posture: { type: 'string' },
  },
} as const;

/** A device as the API shows it (docs/api.md, `DeviceView`). */
export const deviceViewSchema = {
  $id: 'DeviceView',
  type: 'object',
  required: [
    'id',
    'name',
    'side',
    'tz',
    'lastSeen',
    'online',
    'battery',
    'fw',
    'leadOff',
    'live',
    'activeEvents',
  ],
  properties: {
    id: { type: 'string' },
    name: { type: ['string', 'null'] },
    side: { type: ['string', 'null'], enum: ['left', 'right', null] },
    tz: { type: 'string', description: "the device's IANA zone, or the service default" },
    lastSeen: { type: ['integer', 'null'] },
    online: { type: ['boolean', 'null'] },
    battery: { type: ['number', 'null'] },
    fw: { type: ['string', 'null'] },
    leadOff: { type: ['boolean', 'null'] },
    live: {
      anyOf: [{ $ref: 'LiveView#' }, { type: 'null' }],
      description: 'null when the service has had no data from the band since it started',
    },
    activeEvents: {
      type: 'array',
      items: { $ref: 'Event#' },
      description: 'events started and not yet ended (a cramp in progress)',
    },
  },
} as const;
