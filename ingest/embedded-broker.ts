import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from 'pino';

export interface EmbeddedBrokerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host: string;
}

export interface EmbeddedBroker {
  /** Starts listening; resolves with the port actually bound. */
  start(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * An in-process MQTT 3.1.1 broker (Aedes, in-memory persistence) for the zero-setup default: with
 * no `CRAMPWATCH_MQTT_URL`, bands and the ingest meet here. Sessions and queued messages live as
 * long as the process.
 */
export function createEmbeddedBroker(options: EmbeddedBrokerOptions, log: Logger): EmbeddedBroker {
  let broker: Aedes | undefined;
  let server: Server | undefined;
  return {
    async start() {
      broker = await Aedes.createBroker({
        // Device ids are up to 64 characters; band firmware often uses them as client ids.
        maxClientsIdLength: 128,
        drainTimeout: 30_000,
      });
      broker.on('clientError', (client, err) =>
        log.debug({ client: client.id, err: err.message }, 'client error'),
      );
      const b = broker;
      server = createServer((socket) => b.handle(socket));
      server.listen(options.port, options.host);
      await once(server, 'listening');
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      log.info({ host: options.host, port }, 'embedded MQTT broker listening');
      return port;
    },
    async stop() {
      const s = server;
      const b = broker;
      server = undefined;
      broker = undefined;
      if (b) await new Promise<void>((resolve) => b.close(() => resolve()));
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
