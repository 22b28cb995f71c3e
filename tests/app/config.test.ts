import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { type Config, ConfigError, type ConfigInput, loadConfig } from '../../app/config.ts';

/** The problems loadConfig reports for `env`, or fails when it accepts it. */
function problemsOf(env: ConfigInput, overrides: ConfigInput = {}): readonly string[] {
  try {
    loadConfig(env, overrides);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    assert.equal(err.name, 'ConfigError');
    for (const p of err.problems) assert.ok(err.message.includes(p), `the message lists "${p}"`);
    return err.problems;
  }
  return assert.fail(`expected a ConfigError for ${JSON.stringify(env)}`);
}

/** Asserts exactly one problem, naming `variable` and quoting `value`. */
function assertOneProblem(env: ConfigInput, variable: string, value: string): void {
  const problems = problemsOf(env);
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.ok(problems[0]!.includes(variable), `"${problems[0]}" names ${variable}`);
  assert.ok(problems[0]!.includes(`"${value}"`), `"${problems[0]}" quotes ${value}`);
}

describe('loadConfig: values', () => {
  it('uses the defaults for an empty environment', () => {
    const expected: Config = {
      mqtt: {
        url: undefined,
        port: 1883,
        host: '0.0.0.0',
        clientId: 'crampwatch-ingest',
        username: undefined,
        password: undefined,
        topicPrefix: 'crampwatch/v1',
      },
      http: { port: 8080, host: '0.0.0.0' },
      influx: undefined,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      spoolMaxBytes: 1024 * 1024 * 1024,
      journalMs: 15 * 60_000,
      dataDir: resolve('data'),
      logLevel: 'info',
      adminToken: undefined,
    };
    assert.deepEqual(loadConfig({}), expected);
  });

  it('treats empty and blank variables as unset', () => {
    const blank = {
      CRAMPWATCH_MQTT_URL: '',
      CRAMPWATCH_MQTT_PORT: '',
      CRAMPWATCH_HTTP_PORT: '  ',
      CRAMPWATCH_TOPIC_PREFIX: ' ',
      CRAMPWATCH_LOG_LEVEL: '',
      CRAMPWATCH_MQTT_USERNAME: '',
    };
    assert.deepEqual(loadConfig(blank), loadConfig({}));
  });

  it('reads every variable from the environment', () => {
    const config = loadConfig({
      CRAMPWATCH_MQTT_URL: 'mqtts://broker.example:8883',
      CRAMPWATCH_MQTT_PORT: '0',
      CRAMPWATCH_MQTT_HOST: '127.0.0.1',
      CRAMPWATCH_MQTT_CLIENT_ID: 'cw-1',
      CRAMPWATCH_MQTT_USERNAME: 'ann',
      CRAMPWATCH_MQTT_PASSWORD: 's3cret',
      CRAMPWATCH_TOPIC_PREFIX: 'home/bedroom/crampwatch',
      CRAMPWATCH_HTTP_PORT: ' 9090 ',
      CRAMPWATCH_HTTP_HOST: '::1',
      CRAMPWATCH_DATA_DIR: '/var/lib/crampwatch',
      CRAMPWATCH_LOG_LEVEL: 'debug',
      CRAMPWATCH_INFLUX_URL: 'http://influx.example:8086',
      CRAMPWATCH_INFLUX_DB: 'nights',
      CRAMPWATCH_INFLUX_TOKEN: 'tok',
      CRAMPWATCH_TZ: 'Pacific/Auckland',
      CRAMPWATCH_SPOOL_MAX_MB: '64',
      CRAMPWATCH_JOURNAL_MINUTES: '20',
      CRAMPWATCH_ADMIN_TOKEN: 'cw_0123456789abcdef',
      UNRELATED: 'ignored',
    } as ConfigInput);
    assert.deepEqual(config, {
      mqtt: {
        url: 'mqtts://broker.example:8883',
        port: 0,
        host: '127.0.0.1',
        clientId: 'cw-1',
        username: 'ann',
        password: 's3cret',
        topicPrefix: 'home/bedroom/crampwatch',
      },
      http: { port: 9090, host: '::1' },
      influx: {
        url: 'http://influx.example:8086',
        db: 'nights',
        token: 'tok',
        username: undefined,
        password: undefined,
      },
      timeZone: 'Pacific/Auckland',
      spoolMaxBytes: 64 * 1024 * 1024,
      journalMs: 20 * 60_000,
      dataDir: '/var/lib/crampwatch',
      logLevel: 'debug',
      adminToken: 'cw_0123456789abcdef',
    });
  });

  it('accepts every documented broker scheme', () => {
    for (const url of ['mqtt://h', 'mqtts://h:8883', 'ws://h/mqtt', 'wss://h/mqtt']) {
      assert.equal(loadConfig({ CRAMPWATCH_MQTT_URL: url }).mqtt.url, url);
    }
  });

  it('lets command-line overrides win over the environment, and falls back to it', () => {
    const env = { CRAMPWATCH_HTTP_PORT: '9090', CRAMPWATCH_LOG_LEVEL: 'debug', CRAMPWATCH_MQTT_PORT: '1884' };
    const config = loadConfig(env, { CRAMPWATCH_HTTP_PORT: '7070', CRAMPWATCH_LOG_LEVEL: undefined });
    assert.equal(config.http.port, 7070);
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.mqtt.port, 1884);
    // A good override does not rescue nor hide a bad environment value elsewhere...
    assert.equal(problemsOf({ CRAMPWATCH_MQTT_PORT: 'abc' }, { CRAMPWATCH_HTTP_PORT: '1' }).length, 1);
    // ...and replaces a bad one of the same name.
    assert.equal(
      loadConfig({ CRAMPWATCH_HTTP_PORT: 'abc' }, { CRAMPWATCH_HTTP_PORT: '8081' }).http.port,
      8081,
    );
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig({});
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.mqtt) && Object.isFrozen(config.http));
    assert.throws(() => {
      (config.http as { port: number }).port = 1;
    }, TypeError);
    assert.throws(() => {
      (config.mqtt as { topicPrefix: string }).topicPrefix = '#';
    }, TypeError);
    assert.equal(config.http.port, 8080);
  });
});

describe('loadConfig: problems', () => {
  it('rejects a time zone that is not an IANA name', () => {
    assertOneProblem({ CRAMPWATCH_TZ: 'Mars/Olympus' }, 'CRAMPWATCH_TZ', 'Mars/Olympus');
  });

  it('rejects an InfluxDB URL that is not http(s), and half-set credentials', () => {
    assertOneProblem({ CRAMPWATCH_INFLUX_URL: 'influx:8086' }, 'CRAMPWATCH_INFLUX_URL', 'influx:8086');
    const both = problemsOf({
      CRAMPWATCH_INFLUX_URL: 'http://i:8086',
      CRAMPWATCH_INFLUX_TOKEN: 't',
      CRAMPWATCH_INFLUX_USER: 'u',
      CRAMPWATCH_INFLUX_PASSWORD: 'p',
    });
    assert.equal(both.length, 1);
    assert.match(both[0]!, /TOKEN and CRAMPWATCH_INFLUX_USER/);
    assert.match(problemsOf({ CRAMPWATCH_INFLUX_USER: 'u' })[0]!, /go together/);
  });

  it('rejects an admin token shorter than 16 characters or with spaces, without echoing it', () => {
    for (const token of ['short-secret', 'sixteen chars ok!']) {
      const problems = problemsOf({ CRAMPWATCH_ADMIN_TOKEN: token });
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0]!, /CRAMPWATCH_ADMIN_TOKEN must be at least 16 characters without spaces/);
      assert.ok(!problems[0]!.includes(token), 'the secret is not repeated in the message');
    }
    assert.equal(loadConfig({ CRAMPWATCH_ADMIN_TOKEN: 'x'.repeat(16) }).adminToken, 'x'.repeat(16));
  });

  it('rejects a spool bound or journal length that is not a positive whole number', () => {
    assertOneProblem({ CRAMPWATCH_SPOOL_MAX_MB: '0' }, 'CRAMPWATCH_SPOOL_MAX_MB', '0');
    assertOneProblem({ CRAMPWATCH_JOURNAL_MINUTES: '2.5' }, 'CRAMPWATCH_JOURNAL_MINUTES', '2.5');
  });

  for (const port of ['abc', '70000', '65536', '-1', '1.5', '1e3', '80 80']) {
    it(`rejects the port "${port}"`, () => {
      assertOneProblem({ CRAMPWATCH_HTTP_PORT: port }, 'CRAMPWATCH_HTTP_PORT', port);
      assertOneProblem({ CRAMPWATCH_MQTT_PORT: port }, 'CRAMPWATCH_MQTT_PORT', port);
    });
  }

  it('accepts the ports 0 and 65535', () => {
    const config = loadConfig({ CRAMPWATCH_HTTP_PORT: '65535', CRAMPWATCH_MQTT_PORT: '0' });
    assert.deepEqual([config.http.port, config.mqtt.port], [65535, 0]);
  });

  it('rejects a broker URL that is not a URL', () => {
    assertOneProblem({ CRAMPWATCH_MQTT_URL: 'broker:1883 x' }, 'CRAMPWATCH_MQTT_URL', 'broker:1883 x');
    assertOneProblem({ CRAMPWATCH_MQTT_URL: 'localhost' }, 'CRAMPWATCH_MQTT_URL', 'localhost');
  });

  for (const url of ['http://broker:1883', 'https://broker', 'file:///tmp/x']) {
    it(`rejects the broker URL scheme of ${url}`, () => {
      assertOneProblem({ CRAMPWATCH_MQTT_URL: url }, 'CRAMPWATCH_MQTT_URL', url);
    });
  }

  for (const prefix of ['crampwatch/+', 'crampwatch/#', 'crampwatch/v1/', '/crampwatch/v1', 'a/+/b']) {
    it(`rejects the topic prefix "${prefix}"`, () => {
      assertOneProblem({ CRAMPWATCH_TOPIC_PREFIX: prefix }, 'CRAMPWATCH_TOPIC_PREFIX', prefix);
    });
  }

  for (const level of ['loud', 'INFO', 'warning']) {
    it(`rejects the log level "${level}"`, () => {
      assertOneProblem({ CRAMPWATCH_LOG_LEVEL: level }, 'CRAMPWATCH_LOG_LEVEL', level);
    });
  }

  it('rejects a client id longer than 128 characters', () => {
    const problems = problemsOf({ CRAMPWATCH_MQTT_CLIENT_ID: 'c'.repeat(129) });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /CRAMPWATCH_MQTT_CLIENT_ID/);
    assert.equal(loadConfig({ CRAMPWATCH_MQTT_CLIENT_ID: 'c'.repeat(128) }).mqtt.clientId.length, 128);
  });

  it('reports every problem at once, each naming its variable and value', () => {
    const env: ConfigInput = {
      CRAMPWATCH_MQTT_URL: 'http://broker',
      CRAMPWATCH_MQTT_PORT: 'abc',
      CRAMPWATCH_HTTP_PORT: '70000',
      CRAMPWATCH_TOPIC_PREFIX: 'cw/#',
      CRAMPWATCH_LOG_LEVEL: 'loud',
    };
    const problems = problemsOf(env);
    assert.equal(problems.length, 5, problems.join('\n'));
    for (const [variable, value] of Object.entries(env)) {
      assert.ok(
        problems.some((p) => p.includes(variable) && p.includes(`"${value}"`)),
        `a problem names ${variable} and "${value}":\n${problems.join('\n')}`,
      );
    }
  });

  it('reports problems found in overrides and in the environment together', () => {
    const problems = problemsOf({ CRAMPWATCH_MQTT_PORT: '-1' }, { CRAMPWATCH_HTTP_PORT: 'http' });
    assert.equal(problems.length, 2);
    assert.ok(problems.some((p) => p.includes('CRAMPWATCH_MQTT_PORT') && p.includes('"-1"')));
    assert.ok(problems.some((p) => p.includes('CRAMPWATCH_HTTP_PORT') && p.includes('"http"')));
  });
});
