#!/usr/bin/env bash
# Nightly backup of every persona's state (run from the repository root).
set -euo pipefail

BACKUP_DIR="${1:-backups}"
mkdir -p "$BACKUP_DIR"

# One archive of the whole .continuum/personas tree, then a consistent copy of each database.
tar czf "$BACKUP_DIR/personas-$(date +%F).tgz" .continuum/personas
for dir in .continuum/personas/*/; do
  id="$(basename "$dir")"
  if [ -f ".continuum/personas/$id/state.sqlite" ]; then
    sqlite3 ".continuum/personas/$id/state.sqlite" ".backup '$BACKUP_DIR/$id.sqlite'"
  fi
done
echo "backed up personas to $BACKUP_DIR"
