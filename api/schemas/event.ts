/**
 * An event (`shared/spec/events-and-recordings.md`, "Event"). Kinds carry fields of their own
 * (a cramp's peak, a PLM series' count...): `additionalProperties` lets every one through.
 */
export const eventSchema = {
  $id: 'Event',
  type: 'object',
  required: ['id', 'device', 'kind', 'start', 'end', 'late'],
  properties: {
    id: { type: 'string', description: '<device>:<kind>:<start>, stable across replays' },
    device: { type: 'string' },
    kind: { type: 'string', description: 'cramp, spasm, plm, plantar_flexion, lead_off, signal_gap...' },
    start: { type: 'integer' },
    end: { type: ['integer', 'null'], description: 'null while the event goes on' },
    late: { type: 'boolean', description: 'detected from data that arrived late: never alerted live' },
  },
  additionalProperties: true,
} as const;
