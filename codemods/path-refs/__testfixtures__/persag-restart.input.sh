#!/bin/bash
# Restart the LightRAG servers after a user switch (lightrag_server/ holds their compose files).
set -e
SERVER_DIR=lightrag_server
USER_ID=$(grep USER_ID env.userid | cut -d= -f2)
echo "restarting for $USER_ID"
cd "$SERVER_DIR" && docker compose down && docker compose up -d && cd ..
docker compose -f lightrag_memory_server/docker-compose.yml restart
cat 'lightrag_server/env.server'
for dir in "$PROJECT_ROOT"/lightrag_*; do echo "$dir"; done
cat <<EOF2
lightrag_server is not a path here
EOF2
