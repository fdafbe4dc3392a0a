# One image for every Node service of Patchbay (gateway, migrate, supervisor, the four agents,
# sandbox). The entrypoint loads the @patchbay/* alias resolver; the command names the compiled
# entry point, e.g.
#   docker run patchbay/platform dist/out-tsc/apps/supervisor/src/main.js
# The default command is the gateway.
#
# Two ways to build it (ADR 0037), chosen by APP_BUILD:
#   APP_BUILD=source (default), from the repository root, where Docker Hub and the npm registry are
#   reachable: npm ci, tsc and vite run inside the build on node:20-bookworm-slim.
#     docker build -f docker/patchbay.Dockerfile -t patchbay/platform:local .
#   APP_BUILD=prebuilt, offline: docker/build-platform-images.sh compiles the services and prunes
#   node_modules to production on the host into a build context of its own, and passes
#   NODE_IMAGE=patchbay/node:20 (the debootstrap rootfs with the host's Node binary). Nothing in
#   the build then needs Docker Hub or the npm registry; the runtime stage still installs its
#   Debian packages from the Debian mirror.
# Use npm 10 for the source build (what Node 20 bundles): npm 11's `npm ci` has rejected this
# package-lock.json before ("Missing: @tailwindcss/oxide-android-arm64@ from lock file").
# Pin the base by digest for reproducible production builds. No `# syntax=` line and no BuildKit-only
# features, so the legacy builder (DOCKER_BUILDKIT=0) works: BuildKit would fetch its frontend
# from Docker Hub. The legacy builder runs every stage, so the mode is a shell condition inside
# each step rather than a choice of stages.
ARG NODE_IMAGE=node:20-bookworm-slim
ARG APP_BUILD=source

# ---------------------------------------------------------------------------------------------
# Leaves the compiled services in dist/out-tsc, the dashboard in dist/apps/web and production-only
# node_modules in /src.
FROM ${NODE_IMAGE} AS build
ARG APP_BUILD
# The legacy builder keeps this stage as an untagged image; the label lets
# docker/build-platform-images.sh prune exactly those (`docker image prune --filter label=…`).
LABEL org.patchbay.stage=platform-build
WORKDIR /src
# Install scripts stay off: package.json's allowScripts permits only embedded-postgres's, which
# only all-in-one mode uses, and nothing the build runs needs the others (esbuild and
# tailwind's oxide resolve their platform binaries from optional dependencies).
COPY package.json package-lock.json ./
RUN if [ "$APP_BUILD" = prebuilt ]; then echo "prebuilt build context: no npm ci"; \
    else npm ci --no-audit --no-fund --ignore-scripts; fi
COPY . .
# npm prune --omit=dev leaves the same tree `npm ci --omit=dev` installs (compared on 2026-12-06:
# the same 552 package.json files), without a second download.
RUN if [ "$APP_BUILD" = prebuilt ]; then \
      for f in dist/out-tsc/apps/gateway/src/main.js dist/apps/web/index.html node_modules/@nestjs/core/package.json; do \
        [ -e "$f" ] || { echo "APP_BUILD=prebuilt but the build context has no $f (docker/build-platform-images.sh prepares it)"; exit 1; }; \
      done; \
    else \
      npx tsc -p tsconfig.build.json \
      && npx vite build --config apps/web/vite.config.ts \
      && npm prune --omit=dev --no-audit --no-fund --ignore-scripts \
      && npm cache clean --force; \
    fi

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

COPY --from=build /src/node_modules ./node_modules
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
