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
  /** InfluxDB, or undefined for the embedded SQLite store in `dataDir`. */
  readonly influx:
    | {
        readonly url: string;
        readonly db: string;
        readonly token: string | undefined;
        readonly username: string | undefined;
        readonly password: string | undefined;
      }
    | undefined;
  /** The wearers' time zone where a device has none set (IANA name): nights run noon to noon in it. */
  readonly timeZone: string;
  /** Bound of the on-disk spool of records not yet stored, bytes. */
  readonly spoolMaxBytes: number;
  /** How much of the recent past the frame journal keeps for the detector to resume after a crash, ms. */
  readonly journalMs: number;
  readonly dataDir: string;
  readonly logLevel: string;
  /**
   * The API's admin bearer token when set (CRAMPWATCH_ADMIN_TOKEN); undefined: the service makes
   * one in `<dataDir>/admin-token` on first start.
   */
  readonly adminToken: string | undefined;
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
  CRAMPWATCH_DATA_DIR: ['./data', 'where the service keeps its files (embedded store, spool, journal)'],
  CRAMPWATCH_INFLUX_URL: [
    '',
    'InfluxDB (http:// or https://, any major version via its v1 API); unset uses the embedded SQLite store',
  ],
  CRAMPWATCH_INFLUX_DB: [
    'crampwatch',
    'InfluxDB database (2.x/3.x: the bucket mapped as database); created if missing where allowed',
  ],
  CRAMPWATCH_INFLUX_TOKEN: ['', 'InfluxDB token (2.x, 3.x)'],
  CRAMPWATCH_INFLUX_USER: ['', 'InfluxDB user (1.x with auth)'],
  CRAMPWATCH_INFLUX_PASSWORD: ['', 'InfluxDB password (1.x with auth)'],
  CRAMPWATCH_TZ: [
    '',
    "wearers' time zone (IANA, e.g. Europe/Paris) where a device has none; default: this machine's",
  ],
  CRAMPWATCH_SPOOL_MAX_MB: [
    '1024',
    'bound of the on-disk spool kept while the store is down, MB (warns at 80%)',
  ],
  CRAMPWATCH_JOURNAL_MINUTES: [
    '15',
    'recent frames kept on disk so that the detector resumes after a crash, minutes',
  ],
  CRAMPWATCH_LOG_LEVEL: ['info', 'fatal, error, warn, info, debug or trace'],
  CRAMPWATCH_ADMIN_TOKEN: [
    '',
    'admin bearer token of the API (at least 16 characters, no spaces); unset: one is created in <data dir>/admin-token',
  ],
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

/** A shorter admin token could be guessed; generated ones are 46 characters. */
const MIN_ADMIN_TOKEN_LENGTH = 16;
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
  const influxUrl = optional('CRAMPWATCH_INFLUX_URL');
  if (influxUrl !== undefined && !/^https?:\/\/[^/]/.test(influxUrl)) {
    problems.push(`CRAMPWATCH_INFLUX_URL must start with http:// or https://, got "${influxUrl}"`);
  }
  const influxToken = optional('CRAMPWATCH_INFLUX_TOKEN');
  const influxUser = optional('CRAMPWATCH_INFLUX_USER');
  const influxPassword = optional('CRAMPWATCH_INFLUX_PASSWORD');
  if (influxToken !== undefined && influxUser !== undefined) {
    problems.push('CRAMPWATCH_INFLUX_TOKEN and CRAMPWATCH_INFLUX_USER are both set: use one or the other');
  }
  if ((influxUser === undefined) !== (influxPassword === undefined)) {
    problems.push('CRAMPWATCH_INFLUX_USER and CRAMPWATCH_INFLUX_PASSWORD go together: set both or neither');
  }
  const timeZone = get('CRAMPWATCH_TZ') || Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!isTimeZone(timeZone)) {
    problems.push(`CRAMPWATCH_TZ must be an IANA time zone name such as Europe/Paris, got "${timeZone}"`);
  }
  const positive = (name: ConfigVariable, max: number): number => {
    const raw = get(name);
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > max) {
      problems.push(`${name} must be a whole number from 1 to ${max}, got "${raw}"`);
    }
    return n;
  };
  const spoolMaxMb = positive('CRAMPWATCH_SPOOL_MAX_MB', 1_000_000);
  const journalMinutes = positive('CRAMPWATCH_JOURNAL_MINUTES', 24 * 60);
  const logLevel = get('CRAMPWATCH_LOG_LEVEL');
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`CRAMPWATCH_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const adminToken = optional('CRAMPWATCH_ADMIN_TOKEN');
  if (adminToken !== undefined && (adminToken.length < MIN_ADMIN_TOKEN_LENGTH || /\s/.test(adminToken))) {
    // The value is a secret: say what is wrong with it, never what it is.
    problems.push(
      `CRAMPWATCH_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters without spaces, got ${adminToken.length} characters`,
    );
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
    influx:
      influxUrl === undefined
        ? undefined
        : {
            url: influxUrl,
            db: get('CRAMPWATCH_INFLUX_DB'),
            token: influxToken,
            username: influxUser,
            password: influxPassword,
          },
    timeZone,
    spoolMaxBytes: spoolMaxMb * 1024 * 1024,
    journalMs: journalMinutes * 60_000,
    dataDir: resolve(get('CRAMPWATCH_DATA_DIR')),
    logLevel,
    adminToken,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
}
