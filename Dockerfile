# Zhauap bot. Node is PID 1's direct command (no npm, no tsx CLI wrapper): SIGTERM from `docker stop`
# reaches node itself, which stops taking updates, finishes the answers in flight and exits 0.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production

# hnswlib-node and onnxruntime build or load native code: the build tools only for `npm ci`.
COPY package.json package-lock.json ./
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && npm ci \
 && apt-get purge -y python3 make g++ && apt-get autoremove -y && rm -rf /var/lib/apt/lists/* /root/.npm

COPY tsconfig.json ./
COPY src ./src
COPY prompts ./prompts
COPY data ./data

# The index, chat state and downloaded models live outside the image.
ENV DATA_DIR=/app/data INDEX_DIR=/var/lib/zhauap/index STATE_DIR=/var/lib/zhauap/state MODELS_DIR=/var/lib/zhauap/models
RUN mkdir -p /var/lib/zhauap && chown -R node:node /var/lib/zhauap
VOLUME /var/lib/zhauap
USER node

EXPOSE 8080
# Exec form: node runs as PID 1 and gets the signals; `--init`/tini is not needed because the bot
# installs its own SIGTERM/SIGINT handlers and spawns no children.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
