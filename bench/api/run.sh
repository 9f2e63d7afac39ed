#!/usr/bin/env bash
# Load-test /api/v1 under gunicorn (2 sync workers) with wrk, uncached and cached, plus 304s, then
# nginx serving the same list bytes and (ANCHOR=1) stock Wagtail API v2 on the same machine.
#   usage: bash bench/api/run.sh [duration=15s]
# All load goes to 127.0.0.1; every wrk run is bounded (3 s warm-up + DUR).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DUR=${1:-15s}
VAR=${MUA_THI_BENCH_DIR:-/tmp/muathi-bench}
PORT=${PORT:-8001}
OUT=$VAR/results/${TAG:-run}
ANCHOR_DIR=${ANCHOR_DIR:-$ROOT/../shared/bench/anchor-wagtail-api}
export MUA_THI_VAR_DIR=$VAR DJANGO_SETTINGS_MODULE=bench.api.settings
PY=$ROOT/.venv/bin/python
mkdir -p "$OUT"
command -v wrk >/dev/null && command -v nginx >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk nginx; }
cd "$ROOT"
if [ ! -f "$VAR/db.sqlite3" ]; then
  $PY manage.py migrate -v0
  $PY bench/api/generate.py --pages "${PAGES:-10000}"
fi
read -r DETAIL_ID AREA < <($PY -c "
import django; django.setup()
from exam_news.models import NewsPage
ids = list(NewsPage.objects.order_by('id').values_list('id', flat=True))
page = NewsPage.objects.get(pk=ids[min(4999, len(ids) - 1)])
print(page.pk, page.areas.first().code)")
H="http://127.0.0.1:$PORT"
LIST="/api/v1/news?page_size=20"
declare -A URLS=([list]="$LIST" [list_filtered]="$LIST&area=$AREA&exclude_province_wide=true"
                 [detail]="/api/v1/items/$DETAIL_ID")
echo "detail_id=$DETAIL_ID area=$AREA $(date -u +%FT%TZ)" > "$OUT/summary.txt"
printf "%-26s %9s %9s %9s %8s\n" endpoint req_s p50 p99 bytes >> "$OUT/summary.txt"

measure() {  # name url [extra wrk args...]
  local name=$1 url=$2; shift 2
  wrk -t1 -c8 -d3s --timeout 30s "$@" "$url" > /dev/null
  wrk -t1 -c8 -d"$DUR" --timeout 30s --latency "$@" "$url" > "$OUT/$name.wrk"
  printf "%-26s %9s %9s %9s %8s\n" "$name" "$(awk '/Requests\/sec/ {print $2}' "$OUT/$name.wrk")" \
    "$(awk '$1=="50%" {print $2}' "$OUT/$name.wrk")" "$(awk '$1=="99%" {print $2}' "$OUT/$name.wrk")" \
    "${BYTES:-}" >> "$OUT/summary.txt"
  if grep -q "Non-2xx" "$OUT/$name.wrk"; then grep "Non-2xx" "$OUT/$name.wrk" >> "$OUT/summary.txt"; fi
}

for mode in uncached cached; do
  if [ $mode = uncached ]; then export API_CACHE_TTL=0; else unset API_CACHE_TTL; fi
  "$ROOT/.venv/bin/gunicorn" config.wsgi:application -w 2 -k sync -b "127.0.0.1:$PORT" --log-level warning \
    > "$OUT/gunicorn-$mode.log" 2>&1 &
  GPID=$!
  trap 'kill $GPID 2>/dev/null || true' EXIT
  for i in $(seq 1 100); do curl -sf -o /dev/null "$H/api/v1/sections" && break; sleep 0.2; done
  for name in list list_filtered detail; do
    BYTES=$(curl -s -o "$OUT/$name.json" -w '%{size_download}' "$H${URLS[$name]}")
    measure "${name}_$mode" "$H${URLS[$name]}"
  done
  if [ $mode = cached ]; then
    ETAG=$(curl -sI "$H$LIST" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
    BYTES=0 measure "list_304" "$H$LIST" -H "If-None-Match: $ETAG"
  fi
  kill $GPID; wait $GPID 2>/dev/null || true
done

# nginx serving the identical bytes of our list as a static file (the machine's ceiling).
WAGBASE=$VAR bash "$ANCHOR_DIR/bench_nginx.sh" "$OUT/list.json" "$DUR" > "$OUT/nginx.txt" 2>&1 || true
cat "$OUT/nginx.txt" >> "$OUT/summary.txt"

# Query counts per request, in process (uncached, warm).
API_CACHE_TTL=0 $PY bench/api/count_queries.py "$LIST" "$LIST&area=$AREA&exclude_province_wide=true" \
  "/api/v1/items/$DETAIL_ID" >> "$OUT/summary.txt"

if [ "${ANCHOR:-0}" = 1 ]; then
  unset DJANGO_SETTINGS_MODULE MUA_THI_VAR_DIR
  [ -f /tmp/wagbase/db.sqlite3 ] || bash "$ANCHOR_DIR/setup.sh" sqlite
  (cd /tmp/wagbase && TAG=anchor-sqlite ENDPOINTS="a_list b_list_filtered c_detail" bash bench/bench.sh sqlite "$DUR") \
    > "$OUT/anchor.txt" 2>&1 || true
  cat /tmp/wagbase/results/anchor-sqlite/summary.txt >> "$OUT/summary.txt" 2>/dev/null || true
fi
cat "$OUT/summary.txt"
