// Tests of the client code that need no VS Code: the settings object sent to the
// server, the executable lookup, and what the bundled extension does when the
// server is missing (with a stand-in for the `vscode` module).

import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

import { extensionDir, readSettings } from '../scripts/sync-settings.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'dockerfile-lsp-vscode-test-'));
let settingsModule;
let executableModule;

async function compile(name) {
  const outfile = join(scratch, `${name}.mjs`);
  await esbuild.build({
    entryPoints: [join(extensionDir, 'src', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
  });
  return import(pathToFileURL(outfile).href);
}

before(async () => {
  settingsModule = await compile('settings');
  executableModule = await compile('executable');
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in for WorkspaceConfiguration that knows the given flat settings. */
function configuration(values) {
  return { get: (key) => values[key] };
}

test('server settings are nested by key path and leave out client-only keys', () => {
  const { serverSettings } = settingsModule;
  const result = serverSettings(
    configuration({
      'server.path': '/opt/dockerfile-lsp',
      'trace.server': 'verbose',
      rules: { DL3008: 'off' },
      'registry.enabled': false,
      'registry.timeoutMs': 500,
      'registry.cacheDir': null,
      'format.continuationIndent': 4,
      'ruleGroups.hadolint': false,
    }),
  );
  assert.deepEqual(result, {
    rules: { DL3008: 'off' },
    registry: { enabled: false, timeoutMs: 500, cacheDir: null },
    format: { continuationIndent: 4 },
    ruleGroups: { hadolint: false },
  });
});

test('with VS Code defaults the server gets every setting at its default', () => {
  const { serverSettings } = settingsModule;
  const spec = readSettings();
  const defaults = Object.fromEntries(Object.entries(spec).map(([key, entry]) => [key, entry.default]));
  const result = serverSettings(configuration(defaults));
  assert.equal(result.registry.hubUrl, 'https://hub.docker.com');
  assert.equal(result.registry.timeoutMs, 2000);
  assert.equal(result.format.continuationIndent, 'keep');
  assert.equal(result.hover.layers, true);
  assert.deepEqual(result.rules, {});
  assert.equal(result.buildContext, null);
  assert.ok(!('server' in result) && !('trace' in result));
});

test('workspace/configuration: the dockerfileLsp section gets the server settings for the folder asked about', () => {
  const { answerConfiguration } = settingsModule;
  const folders = {
    'file:///work/a': configuration({ 'server.path': '/x', 'registry.enabled': false }),
    undefined: configuration({ 'registry.enabled': true }),
  };
  const answers = answerConfiguration(
    [{ section: 'dockerfileLsp', scopeUri: 'file:///work/a' }, { section: 'editor' }, { section: 'dockerfileLsp' }],
    [{ server: { path: '/x' }, registry: { enabled: false } }, { tabSize: 4 }, { registry: { enabled: true } }],
    (scopeUri) => folders[String(scopeUri)],
  );
  assert.deepEqual(answers, [{ registry: { enabled: false } }, { tabSize: 4 }, { registry: { enabled: true } }]);
});

test('executable lookup: PATH, explicit paths, and a clear reason when missing', () => {
  const { findExecutable } = executableModule;
  const bin = join(scratch, 'bin');
  mkdirSync(bin, { recursive: true });
  const server = join(bin, 'dockerfile-lsp');
  writeFileSync(server, '#!/bin/sh\n');
  chmodSync(server, 0o755);
  const notExecutable = join(bin, 'not-executable');
  writeFileSync(notExecutable, '');
  chmodSync(notExecutable, 0o644);

  const env = { PATH: ['/nonexistent', bin].join(':') };
  assert.equal(findExecutable('', { env, platform: 'linux' }).path, server, 'default name found on PATH');
  assert.equal(findExecutable('dockerfile-lsp', { env, platform: 'linux' }).path, server);
  assert.equal(findExecutable(server, { env: {}, platform: 'linux' }).path, server, 'absolute path');
  assert.equal(
    findExecutable('bin/dockerfile-lsp', { env: {}, platform: 'linux', workspaceFolder: scratch }).path,
    server,
    'relative to the workspace folder',
  );

  const missing = findExecutable('dockerfile-lsp', { env: { PATH: '/nonexistent' }, platform: 'linux' });
  assert.equal(missing.path, undefined);
  assert.equal(missing.requested, 'dockerfile-lsp');
  assert.match(missing.reason, /PATH/);

  const notExec = findExecutable(notExecutable, { env: {}, platform: 'linux' });
  assert.equal(notExec.path, undefined, 'a file without the executable bit is not a server');
  assert.match(notExec.reason, /not executable/);
});

test('activating without a server shows an error with a link to the install instructions', async () => {
  const bundle = join(extensionDir, 'dist', 'extension.js');
  assert.ok(existsSync(bundle), 'dist/extension.js is missing: run `npm run build` first');

  const shown = [];
  const opened = [];
  const registered = [];
  const logLines = [];
  let answer;
  const vscode = stubVscode({
    config: { 'server.path': join(scratch, 'no-such-dir', 'dockerfile-lsp') },
    showErrorMessage: (message, ...items) => {
      shown.push({ message, items });
      return Promise.resolve(items[0]).then((choice) => {
        answer = choice;
        return choice;
      });
    },
    openExternal: (uri) => opened.push(String(uri)),
    registerCommand: (id) => registered.push(id),
    appendLine: (line) => logLines.push(line),
  });

  const extension = requireWithVscode(bundle, vscode);
  const subscriptions = [];
  await extension.activate({ subscriptions });
  await setImmediate();

  assert.equal(shown.length, 1, 'exactly one error message');
  assert.match(shown[0].message, /cannot find the language server/);
  assert.match(shown[0].message, /dockerfileLsp\.server\.path/);
  assert.deepEqual(shown[0].items, ['How to install', 'Open settings']);
  assert.equal(answer, 'How to install');
  assert.equal(opened.length, 1);
  assert.match(opened[0], /editors\/vscode#installing-the-server$/);
  assert.deepEqual(registered.sort(), ['dockerfileLsp.restartServer', 'dockerfileLsp.showOutput']);
  assert.ok(logLines.some((line) => line.includes('cannot find')), 'the reason is also written to the output channel');
  await extension.deactivate();
});

/** Loads a CommonJS bundle with `require('vscode')` answered by `vscode`. */
function requireWithVscode(file, vscode) {
  const originalLoad = Module._load;
  Module._load = function load(request, ...rest) {
    if (request === 'vscode') return vscode;
    return originalLoad.call(this, request, ...rest);
  };
  try {
    return createRequire(import.meta.url)(file);
  } finally {
    Module._load = originalLoad;
  }
}

/**
 * Just enough of the `vscode` API for activation up to the missing-server
 * message; anything else the bundle touches at load time is a harmless dummy.
 */
function stubVscode(hooks) {
  const disposable = { dispose() {} };
  const api = {
    window: {
      createOutputChannel: () => ({
        appendLine: hooks.appendLine,
        append() {},
        show() {},
        dispose() {},
      }),
      showErrorMessage: hooks.showErrorMessage,
    },
    commands: {
      registerCommand: (id) => {
        hooks.registerCommand(id);
        return disposable;
      },
      executeCommand: () => Promise.resolve(),
    },
    workspace: {
      workspaceFolders: undefined,
      getConfiguration: () => ({ get: (key) => hooks.config[key] }),
      onDidChangeConfiguration: () => disposable,
    },
    env: { openExternal: (uri) => hooks.openExternal(uri) },
    Uri: { parse: (value) => ({ toString: () => value }) },
  };
  const dummy = () => new Proxy(function () {}, { get: (_, key) => (key === 'prototype' ? {} : dummy()), construct: () => ({}) });
  return new Proxy(api, { get: (target, key) => (key in target ? target[key] : dummy()) });
}
