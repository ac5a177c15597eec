// Checks the extension manifest (package.json) the way VS Code will read it.
// Run after `npm run build` (the grammar is copied into the extension then).

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { extensionDir, generateProperties, readSettings, CLIENT_ONLY, SECTION } from '../scripts/sync-settings.mjs';

const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
const settings = readSettings();
const properties = manifest.contributes.configuration.properties;

/** Minimal glob for VS Code's `filenamePatterns` (only `*` is used here). */
function matchesPattern(pattern, name) {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(name);
}

function claimsFile(language, name) {
  return (
    (language.filenames ?? []).includes(name) ||
    (language.filenamePatterns ?? []).some((pattern) => matchesPattern(pattern, name)) ||
    (language.extensions ?? []).some((ext) => name.endsWith(ext))
  );
}

test('contributes the dockerfile language for Dockerfile and Containerfile names', () => {
  const languages = manifest.contributes.languages;
  const dockerfile = languages.find((language) => language.id === 'dockerfile');
  assert.ok(dockerfile, 'no language with id "dockerfile"');
  for (const name of [
    'Dockerfile',
    'Dockerfile.dev',
    'Dockerfile.prod.arm64',
    'api.Dockerfile',
    'api.dockerfile',
    'Containerfile',
    'Containerfile.test',
  ]) {
    assert.ok(claimsFile(dockerfile, name), `${name} is not recognised as a Dockerfile`);
  }
  for (const name of ['dockerfile-notes.txt', 'Dockerfiles', 'docker-compose.yml', 'README.md', 'Makefile']) {
    assert.ok(!claimsFile(dockerfile, name), `${name} must not be taken for a Dockerfile`);
  }
  assert.equal(dockerfile.configuration, './language-configuration.json');
});

test('language configuration has # comments, brackets and auto-closing quotes', () => {
  const config = JSON.parse(readFileSync(join(extensionDir, 'language-configuration.json'), 'utf8'));
  assert.equal(config.comments.lineComment, '#');
  assert.ok(config.brackets.some(([open, close]) => open === '[' && close === ']'));
  const closing = config.autoClosingPairs.map((pair) => (Array.isArray(pair) ? pair[0] : pair.open));
  for (const quote of ['"', "'"]) {
    assert.ok(closing.includes(quote), `${quote} is not auto-closed`);
  }
});

test('grammar is declared for source.dockerfile and present after the build', () => {
  const grammars = manifest.contributes.grammars;
  assert.equal(grammars.length, 1);
  const [grammar] = grammars;
  assert.equal(grammar.language, 'dockerfile');
  assert.equal(grammar.scopeName, 'source.dockerfile');
  assert.ok(Object.values(grammar.embeddedLanguages ?? {}).includes('shellscript'), 'shell is not an embedded language');
  const file = join(extensionDir, grammar.path);
  assert.ok(existsSync(file), `${grammar.path} is missing: run \`npm run build\` first`);
  const parsed = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(parsed.scopeName, 'source.dockerfile');
});

test('every server setting from editors/settings.json is in the schema with the same type and default', () => {
  for (const [key, spec] of Object.entries(settings)) {
    const property = properties[`${SECTION}.${key}`];
    assert.ok(property, `${SECTION}.${key} is missing from contributes.configuration`);
    assert.deepEqual(property.type, spec.type, `type of ${key}`);
    assert.deepEqual(property.default, spec.default, `default of ${key}`);
    assert.deepEqual(property.enum, spec.enum, `enum of ${key}`);
    assert.ok(property.markdownDescription || property.description, `${key} has no description`);
  }
});

test('the schema has no server setting that editors/settings.json lacks', () => {
  const clientOnly = new Set(Object.keys(CLIENT_ONLY));
  for (const key of Object.keys(properties)) {
    assert.ok(key.startsWith(`${SECTION}.`), `${key} is outside the ${SECTION} section`);
    if (clientOnly.has(key)) continue;
    const short = key.slice(SECTION.length + 1);
    assert.ok(short in settings, `${key} is in package.json but not in editors/settings.json`);
  }
  assert.deepEqual(properties, generateProperties(settings), 'run `npm run sync-settings` to regenerate the schema');
});

test('settings.json entries are well formed', () => {
  const types = new Set(['string', 'integer', 'number', 'boolean', 'object', 'array', 'null']);
  for (const [key, spec] of Object.entries(settings)) {
    assert.match(key, /^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)*$/, `${key} is not a camelCase key path`);
    const declared = Array.isArray(spec.type) ? spec.type : [spec.type];
    for (const type of declared) assert.ok(types.has(type), `${key} has unknown type ${type}`);
    assert.ok(typeof spec.description === 'string' && spec.description.length > 0, `${key} has no description`);
    assert.ok('default' in spec, `${key} has no default`);
    const actual =
      spec.default === null ? 'null' : Array.isArray(spec.default) ? 'array' : Number.isInteger(spec.default) && declared.includes('integer') ? 'integer' : typeof spec.default;
    assert.ok(declared.includes(actual), `default of ${key} (${JSON.stringify(spec.default)}) is not of type ${declared}`);
    if (spec.enum) assert.ok(spec.enum.includes(spec.default), `default of ${key} is not one of its enum values`);
  }
  // A key path is never also the parent of another (`registry` and `registry.enabled`).
  for (const key of Object.keys(settings)) {
    for (const other of Object.keys(settings)) {
      assert.ok(!other.startsWith(`${key}.`), `${key} is both a setting and the parent of ${other}`);
    }
  }
});

test('client-only settings: server path and trace', () => {
  assert.equal(properties[`${SECTION}.server.path`].type, 'string');
  assert.equal(properties[`${SECTION}.server.path`].default, 'dockerfile-lsp');
  assert.deepEqual(properties[`${SECTION}.trace.server`].enum, ['off', 'messages', 'verbose']);
});

test('commands are declared, titled and activation events are sane', () => {
  const commands = manifest.contributes.commands.map((command) => command.command);
  assert.deepEqual(commands.sort(), [`${SECTION}.restartServer`, `${SECTION}.showOutput`]);
  for (const command of manifest.contributes.commands) {
    assert.equal(command.category, 'Dockerfile LSP');
    assert.ok(command.title.length > 0);
  }
  const source = readFileSync(join(extensionDir, 'src', 'extension.ts'), 'utf8');
  for (const command of commands) {
    assert.ok(source.includes(command.slice(SECTION.length + 1)), `${command} is never registered in src/extension.ts`);
  }
  const events = manifest.activationEvents;
  assert.ok(events.includes('onLanguage:dockerfile'));
  assert.ok(!events.includes('*'), 'the extension must not activate on every start-up');
  assert.equal(manifest.main, './dist/extension.js');
  assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
});

test('manifest fields vsce needs to package without asking', () => {
  assert.equal(manifest.license, 'MIT');
  assert.ok(manifest.repository?.url, 'repository.url');
  assert.ok(manifest.publisher);
  assert.ok(existsSync(join(extensionDir, 'LICENSE')), 'LICENSE file');
  assert.ok(existsSync(join(extensionDir, 'README.md')), 'README.md');
  const typesVscode = manifest.devDependencies['@types/vscode'];
  const engine = manifest.engines.vscode.replace(/^\^/, '');
  assert.equal(typesVscode.replace(/^[~^]/, ''), engine, '@types/vscode must not be newer than engines.vscode');
});
