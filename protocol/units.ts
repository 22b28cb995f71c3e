/** Unix time in milliseconds (UTC). */
export type EpochMs = number;

/** A band's id, as it appears in its MQTT topics: `[A-Za-z0-9_-]{1,64}` (band protocol, "MQTT topics"). */
export type DeviceId = string;
