#!/bin/sh
# Builds Mosquitto's password file from the environment (.env), then starts the broker. The file
# holds salted hashes only, in the container, so no password is ever written to the repository.
#   CRAMPWATCH_MQTT_PASSWORD   the service's password (user `crampwatch`)
#   BAND_CREDENTIALS           the bands, "band-1:password1 band-2:password2" (user = device id)
set -eu
dir=/mosquitto/auth
file="$dir/passwd"
mkdir -p "$dir"
rm -f "$file"
touch "$file"
chmod 0600 "$file"
mosquitto_passwd -b "$file" crampwatch "${CRAMPWATCH_MQTT_PASSWORD:?set CRAMPWATCH_MQTT_PASSWORD in .env}"
for pair in ${BAND_CREDENTIALS:-}; do
  user="${pair%%:*}"
  password="${pair#*:}"
  if [ -z "$user" ] || [ "$user" = "$pair" ] || [ "$user" = crampwatch ]; then
    echo "BAND_CREDENTIALS: \"$user\" is not band-id:password (or takes the service's name)" >&2
    exit 1
  fi
  mosquitto_passwd -b "$file" "$user" "$password"
done
# The broker drops to the mosquitto user before reading the file.
chown -R mosquitto:mosquitto "$dir" /mosquitto/data
exec /usr/sbin/mosquitto -c /mosquitto/config/mosquitto.conf
