// Finds the server executable the way a shell would: a bare name is searched on
// PATH, anything with a slash is a path (relative to the workspace folder).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const DEFAULT_COMMAND = 'dockerfile-lsp';

export interface ExecutableLookup {
  /** What the user asked for (after defaulting). */
  requested: string;
  /** Absolute path of the executable, when found. */
  path?: string;
  /** Why it was not found. */
  reason?: string;
}

export interface LookupEnvironment {
  workspaceFolder?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export function findExecutable(configured: string, where: LookupEnvironment = {}): ExecutableLookup {
  const env = where.env ?? process.env;
  const platform = where.platform ?? process.platform;
  const requested = configured.trim() || DEFAULT_COMMAND;

  let candidate = requested;
  if (candidate === '~' || candidate.startsWith('~/') || candidate.startsWith('~\\')) {
    candidate = path.join(os.homedir(), candidate.slice(1));
  }

  const hasSeparator = candidate.includes('/') || (platform === 'win32' && candidate.includes('\\'));
  if (hasSeparator || path.isAbsolute(candidate)) {
    const absolute = path.isAbsolute(candidate)
      ? candidate
      : path.resolve(where.workspaceFolder ?? process.cwd(), candidate);
    for (const file of withExtensions(absolute, platform, env)) {
      if (isExecutableFile(file, platform)) {
        return { requested, path: file };
      }
    }
    return { requested, reason: `${absolute} does not exist or is not executable` };
  }

  const searchPath = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((dir) => dir.length > 0);
  for (const dir of searchPath) {
    for (const file of withExtensions(path.join(dir, candidate), platform, env)) {
      if (isExecutableFile(file, platform)) {
        return { requested, path: file };
      }
    }
  }
  return { requested, reason: 'not found on PATH' };
}

/** On Windows `dockerfile-lsp` may be `dockerfile-lsp.exe` and so on. */
function withExtensions(file: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform !== 'win32' || path.extname(file) !== '') {
    return [file];
  }
  const extensions = (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((ext) => ext.length > 0);
  return [file, ...extensions.map((ext) => file + ext.toLowerCase())];
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
