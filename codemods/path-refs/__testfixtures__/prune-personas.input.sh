#!/bin/sh
# Drop the logs of personas that have not run for a month.
PERSONAS=.continuum/personas
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
for log in "$ROOT"/.continuum/personas/*/logs/*.log; do
  find "$log" -mtime +30 -delete
done
du -sh $PERSONAS/*/state.db "$PERSONAS/$1/memory/longterm.db" 2>/dev/null
ls ~/.continuum/personas | wc -l
sqlite3 "$PERSONAS/$1/$2" .tables
