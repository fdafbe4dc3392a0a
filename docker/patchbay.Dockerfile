# One image for every Node service of Patchbay (gateway, migrate, supervisor, the four agents,
# sandbox). The entrypoint loads the @patchbay/* alias resolver; the command names the compiled
# entry point, e.g.
#   docker run patchbay/platform dist/out-tsc/apps/supervisor/src/main.js
# The default command is the gateway.
#
# Build from the repository root:
#   docker build -f docker/patchbay.Dockerfile -t patchbay/platform:local .
#
# Base image: node:20-bookworm-slim needs Docker Hub. An offline host can pass
#   --build-arg NODE_IMAGE=<local image>
# built on the Debian rootfs from docker/build-images.sh (patchbay/sandbox-rootfs:bookworm), but
# that rootfs has no Node and Debian bookworm's nodejs is 18, below the >=20.19 package.json
# requires: the local image must add a Node 20.19+ binary and npm itself (see docs/deployment.md).
# Use npm 10 there (what Node 20 bundles): npm 11's `npm ci` rejects the current package-lock.json
# ("Missing: @tailwindcss/oxide-android-arm64@ from lock file" and other platforms' packages).
# Pin the base by digest for reproducible production builds. No `# syntax=` line and no BuildKit-only
# features, so the legacy builder (DOCKER_BUILDKIT=0) works: BuildKit would fetch its frontend
# from Docker Hub.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Install scripts stay off: package.json's allowScripts permits only embedded-postgres's, which
# only all-in-one mode uses, and nothing the build runs needs the others (esbuild and
# tailwind's oxide resolve their platform binaries from optional dependencies).
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npx tsc -p tsconfig.build.json \
 && npx vite build --config apps/web/vite.config.ts

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
 && npm cache clean --force

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# git: the sandbox service bundles local bare repositories on its own side before streaming them
# into a sandbox. iptables: it confines the registries-mode egress bridge (docs/sandbox.md).
# espeak-ng and opus-tools: the supervisor's offline spoken summary (TTS_PROVIDER=espeak, ADR 0011).
# All are small, and one image for every service keeps builds and rollouts simple.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates git iptables espeak-ng opus-tools \
 && rm -rf /var/lib/apt/lists/*

# A numeric, fixed uid so Kubernetes' runAsNonRoot can verify it without resolving names, and
# distinct from the base image's `node` (1000) and from the sandbox images' `agent` (1000).
RUN groupadd --system --gid 10001 patchbay \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin patchbay \
 && mkdir -p /var/lib/patchbay \
 && chown 10001:10001 /var/lib/patchbay

WORKDIR /app
ENV NODE_ENV=production \
    DATA_DIR=/var/lib/patchbay \
    WEB_DIST_DIR=/app/dist/apps/web

COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /src/dist/out-tsc ./dist/out-tsc
COPY --from=build /src/dist/apps/web ./dist/apps/web
# register-aliases.js reads ../../tsconfig.base.json for the alias table.
COPY package.json tsconfig.base.json ./
COPY tools/runtime/register-aliases.js ./tools/runtime/register-aliases.js

# Root owns the code; the service user can only write DATA_DIR and /tmp.
USER 10001:10001
EXPOSE 3000 3100 8080
ENTRYPOINT ["node", "-r", "./tools/runtime/register-aliases.js"]
CMD ["dist/out-tsc/apps/gateway/src/main.js"]
