import { resolve } from 'node:path';
import { DEFAULT_TOPIC_PREFIX } from '../protocol/index.ts';

/** The service's configuration, validated once at start and frozen. */
export interface Config {
  readonly mqtt: {
    /** An external broker; undefined runs the embedded one. */
    readonly url: string | undefined;
    /** Port of the embedded broker (0: any free port). */
    readonly port: number;
    readonly host: string;
    readonly clientId: string;
    readonly username: string | undefined;
    readonly password: string | undefined;
    readonly topicPrefix: string;
  };
  readonly http: { readonly port: number; readonly host: string };
  readonly dataDir: string;
  readonly logLevel: string;
}

/** Every configuration variable, its default and what it means: the README's reference is this table. */
export const CONFIG_VARIABLES = {
  CRAMPWATCH_MQTT_URL: [
    '',
    'external broker (mqtt://, mqtts://, ws://, wss://); unset runs the embedded broker',
  ],
  CRAMPWATCH_MQTT_PORT: ['1883', 'port of the embedded broker (0 picks a free one)'],
  CRAMPWATCH_MQTT_HOST: ['0.0.0.0', 'address the embedded broker listens on'],
  CRAMPWATCH_MQTT_CLIENT_ID: ['crampwatch-ingest', "the ingest's fixed client id (its persistent session)"],
  CRAMPWATCH_MQTT_USERNAME: ['', 'user name for the external broker'],
  CRAMPWATCH_MQTT_PASSWORD: ['', 'password for the external broker'],
  CRAMPWATCH_TOPIC_PREFIX: [
    DEFAULT_TOPIC_PREFIX,
    'topic prefix: bands publish on <prefix>/<device>/frame|status',
  ],
  CRAMPWATCH_HTTP_PORT: ['8080', 'HTTP port (health, metrics, API; 0 picks a free one)'],
  CRAMPWATCH_HTTP_HOST: ['0.0.0.0', 'address the HTTP server listens on'],
  CRAMPWATCH_DATA_DIR: ['./data', 'where the service keeps its files'],
  CRAMPWATCH_LOG_LEVEL: ['info', 'fatal, error, warn, info, debug or trace'],
} as const;

export type ConfigVariable = keyof typeof CONFIG_VARIABLES;
export type ConfigInput = Partial<Record<ConfigVariable, string | undefined>>;

/** Thrown with every problem found, one per line, each naming the variable and what it got. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const URL_PROTOCOLS = ['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:'];

/**
 * Reads the configuration from environment variables (`env`), overridden by command-line values
 * (`overrides`, same names), and validates it all at once. Throws ConfigError listing every problem.
 */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: ConfigInput = {}): Config {
  const problems: string[] = [];
  const get = (name: ConfigVariable): string => {
    // Blank counts as unset: a blank prefix would otherwise pass as "" and subscribe to "/+/frame".
    const v = (overrides[name] ?? env[name])?.trim();
    return v === undefined || v === '' ? CONFIG_VARIABLES[name][0] : v;
  };
  const port = (name: ConfigVariable): number => {
    const raw = get(name);
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n > 65535)
      problems.push(`${name} must be a whole number from 0 to 65535, got "${raw}"`);
    return n;
  };
  const optional = (name: ConfigVariable): string | undefined => get(name) || undefined;

  const url = optional('CRAMPWATCH_MQTT_URL');
  if (url !== undefined) {
    let protocol: string | undefined;
    try {
      protocol = new URL(url).protocol;
    } catch {
      problems.push(`CRAMPWATCH_MQTT_URL is not a URL: "${url}"`);
    }
    if (protocol !== undefined && !URL_PROTOCOLS.includes(protocol)) {
      problems.push(`CRAMPWATCH_MQTT_URL must start with mqtt://, mqtts://, ws:// or wss://, got "${url}"`);
    }
  }
  const topicPrefix = get('CRAMPWATCH_TOPIC_PREFIX');
  if (
    /[+#]/.test(topicPrefix) ||
    topicPrefix.includes('\0') ||
    topicPrefix.startsWith('/') ||
    topicPrefix.endsWith('/')
  ) {
    problems.push(
      `CRAMPWATCH_TOPIC_PREFIX must be a topic without wildcards or leading/trailing "/", got "${topicPrefix}"`,
    );
  }
  const clientId = get('CRAMPWATCH_MQTT_CLIENT_ID');
  if (clientId.length > 128) problems.push('CRAMPWATCH_MQTT_CLIENT_ID must be at most 128 characters');
  const logLevel = get('CRAMPWATCH_LOG_LEVEL');
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`CRAMPWATCH_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const config: Config = {
    mqtt: {
      url,
      port: port('CRAMPWATCH_MQTT_PORT'),
      host: get('CRAMPWATCH_MQTT_HOST'),
      clientId,
      username: optional('CRAMPWATCH_MQTT_USERNAME'),
      password: optional('CRAMPWATCH_MQTT_PASSWORD'),
      topicPrefix,
    },
    http: { port: port('CRAMPWATCH_HTTP_PORT'), host: get('CRAMPWATCH_HTTP_HOST') },
    dataDir: resolve(get('CRAMPWATCH_DATA_DIR')),
    logLevel,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
}
