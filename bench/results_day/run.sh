#!/usr/bin/env bash
# The results-day drill, on one machine over loopback, in under five minutes:
#   PostgreSQL + Redis (scripts/services) + gunicorn (4 workers) + run_scheduler + nginx with the static
#   mirror (deploy/nginx/mua-thi.conf, ports and paths rewritten); the demo province; a bundle of results
#   pages held for about 60 s after the load starts; steady load across the hot set through nginx with
#   every response checked (drill.py); wrk for the throughput of the mirror, of nginx serving the same bytes
#   as a plain file, and of the application's cached path; Redis stopped across the moment, a gunicorn
#   worker killed a second before it, PostgreSQL restarted after it.
#
# Usage: bash bench/results_day/run.sh [--no-faults]
# Writes the JSON summary to bench/results_day/last-run[-no-faults].json and prints it.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
FAULTS=1
[ "${1:-}" = "--no-faults" ] && FAULTS=0
WORK="${DRILL_DIR:-/tmp/mua-thi-drill}"
NGINX_PORT="${DRILL_NGINX_PORT:-8180}"
SAME_BYTES_PORT="${DRILL_SAME_BYTES_PORT:-8181}"
APP_PORT="${DRILL_APP_PORT:-8182}"
DB=mua_thi_drill

bash scripts/bootstrap-venv
bash scripts/services postgres redis nginx wrk
PY="$ROOT/.venv/bin/python"

rm -rf "$WORK"
mkdir -p "$WORK"/{mirror,var,nginx/tmp,same,logs}
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export REDIS_URL="redis://127.0.0.1:6379/7"
export MIRROR_ROOT="$WORK/mirror" MUA_THI_VAR_DIR="$WORK/var" MEDIA_ROOT="$WORK/var/media"
export DEBUG=0 SECRET_KEY="drill-$(date +%s)-not-for-production" ALLOWED_HOSTS="localhost,127.0.0.1"
export API_RATE_LIMIT=1000000 LOG_LEVEL=WARNING

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  bash scripts/services redis >/dev/null 2>&1 || true  # leave Redis running, as found
}
trap cleanup EXIT

echo "drill: setting up the demo province on PostgreSQL ($DB)"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
redis-cli -n 7 flushdb >/dev/null
$PY manage.py migrate --no-input -v0
$PY manage.py load_admin_units >/dev/null
$PY manage.py load_demo >/dev/null
$PY manage.py search_index rebuild --backend database >/dev/null
AREAS=$($PY manage.py shell -v0 -c "
from cms.models import AdministrativeUnit, ProvinceHomePage
home = ProvinceHomePage.objects.first()
print(','.join(AdministrativeUnit.objects.current().communes().filter(parent_id=home.province_id)
      .order_by('code').values_list('code', flat=True)[:5]))" 2>/dev/null | tail -1)
PREPARED=$($PY bench/results_day/prepare.py --in 75 | tail -1)
echo "drill: held for the moment: $PREPARED"

$ROOT/.venv/bin/gunicorn config.wsgi -w 4 -k sync -b "127.0.0.1:$APP_PORT" --access-logfile /dev/null \
  --error-logfile "$WORK/logs/gunicorn.log" --graceful-timeout 5 >"$WORK/logs/app.log" 2>&1 &
GUNICORN=$!
PIDS+=("$GUNICORN")
nice -n -10 $PY manage.py run_scheduler >"$WORK/logs/scheduler.log" 2>&1 &  # as deploy/systemd does
PIDS+=("$!")

# nginx: the repository's configuration, with the drill's ports and folders.
sed -e "s#/srv/mua-thi/mirror#$WORK/mirror#g" -e "s#/srv/mua-thi/static#$ROOT/staticfiles#g" \
    -e "s#/srv/mua-thi/media#$WORK/var/media#g" -e "s#127.0.0.1:8000#127.0.0.1:$APP_PORT#g" \
    -e "s#listen 80;#listen 127.0.0.1:$NGINX_PORT;#" deploy/nginx/mua-thi.conf >"$WORK/nginx/mua-thi.conf"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/logs/nginx-error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  include $WORK/nginx/mua-thi.conf;
  # The reference: the same bytes as a plain static file.
  server {
    listen 127.0.0.1:$SAME_BYTES_PORT;
    root $WORK/same;
    location / { default_type "application/json; charset=utf-8"; }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"

echo "drill: waiting for the application and the first mirror generation"
for _ in $(seq 1 150); do
  if [ -L "$WORK/mirror/current" ] && curl -sf -o /dev/null -H "Host: localhost" "http://127.0.0.1:$APP_PORT/api/v1/news"; then
    break
  fi
  sleep 0.2
done
[ -L "$WORK/mirror/current" ] || { echo "drill: the mirror was not built; see $WORK/logs/scheduler.log" >&2; exit 1; }
for _ in $(seq 1 50); do  # the first requests may have started another build: let it settle
  $PY manage.py mirror status 2>/dev/null | grep -q "khớp nội dung hiện tại" && break
  sleep 0.3
done
cp "$WORK/mirror/current/localhost/api/v1/news@" "$WORK/same/same.json"
curl -s -D - -o /dev/null -H "Host: localhost" "http://127.0.0.1:$NGINX_PORT/api/v1/news" | tr -d '\r' | grep -i "^x-served-from: mirror" >/dev/null \
  || { echo "drill: nginx does not serve the mirror" >&2; exit 1; }

OUT=bench/results_day/last-run.json
[ "$FAULTS" = 0 ] && OUT=bench/results_day/last-run-no-faults.json
$PY bench/results_day/drill.py --nginx-port "$NGINX_PORT" --same-bytes-port "$SAME_BYTES_PORT" \
  --app-port "$APP_PORT" --redis-port 6379 --gunicorn-pid "$GUNICORN" --prepared "$PREPARED" \
  --work "$WORK" --faults "$FAULTS" --areas "$AREAS" --out "$OUT"
echo "drill: summary written to $OUT; logs in $WORK/logs"
$PY manage.py mirror status || true
