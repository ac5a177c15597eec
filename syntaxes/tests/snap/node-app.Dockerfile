# A Node.js web app, production dependencies only.
ARG NODE_VERSION=20
FROM node:${NODE_VERSION}-alpine AS deps
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev

FROM node:${NODE_VERSION}-alpine
ENV NODE_ENV=production
WORKDIR /usr/src/app
RUN apk add --no-cache tini \
    # tini reaps zombie processes
    && addgroup -S app && adduser -S app -G app
COPY --from=deps /usr/src/app/node_modules ./node_modules
COPY --chown=app:app . .
USER app
EXPOSE 3000
HEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1
ONBUILD COPY . /usr/src/app
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "server.js"]
