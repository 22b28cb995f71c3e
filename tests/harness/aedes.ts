import { pino } from 'pino';
import { createEmbeddedBroker } from '../../ingest/index.ts';

/** The service's own embedded Aedes broker, in this process, on a free port. */
export async function startAedes(): Promise<{ url: string; stop(): Promise<void> }> {
  const broker = createEmbeddedBroker({ port: 0, host: '127.0.0.1' }, pino({ level: 'silent' }));
  const port = await broker.start();
  return { url: `mqtt://127.0.0.1:${port}`, stop: () => broker.stop() };
}
