#!/usr/bin/env node
// Generates `contributes.configuration.properties` in package.json from
// editors/settings.json, the one list of server settings shared by every editor.
//
//   node scripts/sync-settings.mjs          rewrite package.json
//   node scripts/sync-settings.mjs --check  exit 1 if package.json is out of date
//
// The client-only settings (server path, trace level) are defined here, because
// the server never sees them.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const extensionDir = join(here, '..');
export const settingsPath = join(extensionDir, '..', 'settings.json');
export const manifestPath = join(extensionDir, 'package.json');

/** Prefix of every setting in VS Code; also the `workspace/configuration` section. */
export const SECTION = 'dockerfileLsp';

/** Settings read only by the extension itself. */
export const CLIENT_ONLY = {
  [`${SECTION}.server.path`]: {
    type: 'string',
    default: 'dockerfile-lsp',
    scope: 'machine-overridable',
    markdownDescription:
      'Path to the `dockerfile-lsp` executable. A bare name is looked up on `PATH`; ' +
      'a relative path is resolved against the first workspace folder; `~` means your home folder. ' +
      'The server is started with `--stdio`.',
  },
  [`${SECTION}.trace.server`]: {
    type: 'string',
    default: 'off',
    enum: ['off', 'messages', 'verbose'],
    enumDescriptions: [
      'No tracing.',
      'Log the name of every message between VS Code and the server.',
      'Log every message with its full content.',
    ],
    scope: 'window',
    markdownDescription:
      'Trace the communication between VS Code and the server in the "Dockerfile LSP" output channel.',
  },
};

/** Keys of an entry in editors/settings.json that carry over into the VS Code schema as they are. */
const COPIED = ['type', 'default', 'enum', 'items', 'additionalProperties', 'anyOf', 'minimum', 'maximum'];

/** The `contributes.configuration.properties` object that matches editors/settings.json. */
export function generateProperties(settings) {
  const properties = { ...CLIENT_ONLY };
  for (const [key, spec] of Object.entries(settings)) {
    const property = {};
    for (const field of COPIED) {
      if (field in spec) property[field] = spec[field];
    }
    property.markdownDescription = spec.description;
    property.scope = 'resource';
    properties[`${SECTION}.${key}`] = property;
  }
  return properties;
}

export function readSettings() {
  return JSON.parse(readFileSync(settingsPath, 'utf8'));
}

function main() {
  const check = process.argv.includes('--check');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const wanted = generateProperties(readSettings());
  const current = manifest.contributes?.configuration?.properties;
  if (isDeepStrictEqual(current, wanted)) {
    console.log('package.json settings schema is in step with editors/settings.json');
    return;
  }
  if (check) {
    console.error(
      'package.json contributes.configuration.properties differs from editors/settings.json.\n' +
        'Run `npm run sync-settings` in editors/vscode and commit the result.',
    );
    process.exit(1);
  }
  manifest.contributes.configuration.properties = wanted;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`updated ${manifestPath}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main();
}
