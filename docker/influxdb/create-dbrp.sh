#!/bin/bash
# Runs once, when the InfluxDB 2 container sets itself up (DOCKER_INFLUXDB_INIT_MODE=setup): maps
# the bucket to a v1 database and retention policy (DBRP), so that CrampWatch's v1 API calls
# (`/write?db=crampwatch`, `/query?db=crampwatch`, authorised by `Authorization: Token …`) reach it.
set -euo pipefail
# During setup the image runs influxd on a private port and says where in INFLUX_HOST.
auth=(
  --host "${INFLUX_HOST:-http://localhost:8086}"
  --token "$DOCKER_INFLUXDB_INIT_ADMIN_TOKEN"
  --org "$DOCKER_INFLUXDB_INIT_ORG"
)
bucket_id="$(influx bucket list "${auth[@]}" --name "$DOCKER_INFLUXDB_INIT_BUCKET" --hide-headers | cut -f1)"
influx v1 dbrp create "${auth[@]}" \
  --db "${CRAMPWATCH_INFLUX_DB:-crampwatch}" --rp autogen --bucket-id "$bucket_id" --default
echo "create-dbrp: database ${CRAMPWATCH_INFLUX_DB:-crampwatch} -> bucket $DOCKER_INFLUXDB_INIT_BUCKET ($bucket_id)"
