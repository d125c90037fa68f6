#!/bin/sh
# Drop the logs of personas that have not run for a month.
PERSONAS=.continuum/users
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
for log in "$ROOT"/.continuum/users/*/logs/*.log; do
  find "$log" -mtime +30 -delete
done
du -sh $PERSONAS/*/data/longterm.db "$PERSONAS/$1/data/longterm.db" 2>/dev/null
ls ~/.continuum/users | wc -l
sqlite3 "$PERSONAS/$1/$2" .tables
