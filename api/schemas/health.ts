/** The service's health (`GET /health`'s body; `GET /api/v1/health` adds `live`). */
export const healthSchema = {
  $id: 'Health',
  type: 'object',
  required: ['status', 'mqtt', 'devices', 'store', 'uptimeS'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    mqtt: {
      type: 'object',
      required: ['connected', 'url'],
      properties: { connected: { type: 'boolean' }, url: { type: 'string', description: 'password hidden' } },
    },
    devices: { type: 'integer', description: 'bands the ingest has heard from since it started' },
    store: {
      type: 'object',
      required: ['kind', 'healthy', 'lastError', 'spool'],
      properties: {
        kind: { type: 'string', description: 'sqlite or influxdb' },
        healthy: { type: 'boolean' },
        lastError: { type: ['string', 'null'] },
        spool: {
          type: 'object',
          required: ['records', 'bytes', 'maxBytes', 'nearlyFull', 'droppedRecords'],
          properties: {
            records: { type: 'integer' },
            bytes: { type: 'integer' },
            maxBytes: { type: 'integer' },
            nearlyFull: { type: 'boolean' },
            droppedRecords: { type: 'integer' },
          },
        },
      },
    },
    uptimeS: { type: 'integer' },
    live: {
      type: 'object',
      required: ['clients', 'alertSeq'],
      properties: {
        clients: { type: 'integer', description: 'WebSocket clients connected' },
        alertSeq: { type: 'integer', description: 'seq of the latest live alert' },
      },
    },
  },
} as const;
