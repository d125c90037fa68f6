FROM python:3.12-slim
WORKDIR /app
# lightrag_server/ is mounted at run time
COPY lightrag_server/config.yaml /app/config.yaml
COPY src /app/src
