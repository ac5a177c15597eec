#!/usr/bin/env node
// Builds the extension: copies the TextMate grammar from the repository's
// syntaxes/ folder into this extension (it is not kept twice in git) and bundles
// src/ with esbuild into dist/extension.js.
//
//   node scripts/build.mjs               development build with source maps
//   node scripts/build.mjs --production  minified, no source maps (used by vsce)
//
// DOCKERFILE_GRAMMAR=/path/to/grammar.json overrides where the grammar is copied
// from (useful to try the extension against a grammar that is not committed yet).

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const extensionDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');

function copyGrammar() {
  const source = process.env.DOCKERFILE_GRAMMAR
    ? resolve(process.env.DOCKERFILE_GRAMMAR)
    : join(extensionDir, '..', '..', 'syntaxes', 'dockerfile.tmLanguage.json');
  if (!existsSync(source)) {
    throw new Error(
      `grammar not found at ${source}; the extension cannot be built without it ` +
        '(it comes from the repository\'s syntaxes/ folder; DOCKERFILE_GRAMMAR=/path/to/grammar.json uses another file)',
    );
  }
  const grammar = JSON.parse(readFileSync(source, 'utf8'));
  if (grammar.scopeName !== 'source.dockerfile') {
    throw new Error(`${source} has scopeName ${JSON.stringify(grammar.scopeName)}, expected "source.dockerfile"`);
  }
  const target = join(extensionDir, 'syntaxes', 'dockerfile.tmLanguage.json');
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  console.log(`copied grammar ${source} -> ${target}`);
}

async function bundle() {
  rmSync(join(extensionDir, 'dist'), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(extensionDir, 'src', 'extension.ts')],
    outfile: join(extensionDir, 'dist', 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    logLevel: 'info',
  });
}

try {
  copyGrammar();
  await bundle();
} catch (error) {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
