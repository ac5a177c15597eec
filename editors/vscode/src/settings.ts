// The server's settings object, built from VS Code's `dockerfileLsp.*` settings.
// The list of keys comes from editors/settings.json (bundled by esbuild), the
// same file the server's own settings are checked against.

import settingsSpec from '../../settings.json';

/** VS Code setting prefix and the `workspace/configuration` section the server asks for. */
export const SECTION = 'dockerfileLsp';

/** What the server reads: nested objects, camelCase keys, JSON values. */
export type SettingsObject = { [key: string]: unknown };

/** The part of `vscode.WorkspaceConfiguration` used here (kept small for testing). */
export interface ConfigurationReader {
  get<T>(section: string): T | undefined;
}

/** Dotted key paths of every server setting, e.g. `registry.timeoutMs`. */
export const SERVER_SETTING_KEYS: readonly string[] = Object.keys(settingsSpec);

/**
 * Builds the nested settings object for the server from a configuration
 * scoped to `dockerfileLsp`. Only the server's keys are included, never the
 * client-only `server.*` and `trace.*` settings.
 */
export function serverSettings(config: ConfigurationReader): SettingsObject {
  const result: SettingsObject = {};
  for (const key of SERVER_SETTING_KEYS) {
    const value = config.get<unknown>(key);
    if (value === undefined) {
      continue;
    }
    setPath(result, key.split('.'), value);
  }
  return result;
}

function setPath(target: SettingsObject, path: string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      node = next as SettingsObject;
    } else {
      const created: SettingsObject = {};
      node[part] = created;
      node = created;
    }
  }
  node[path[path.length - 1]] = value;
}

/** One item of a `workspace/configuration` request. */
export interface ConfigurationItem {
  section?: string;
  scopeUri?: string;
}

/**
 * Replaces the answers for the `dockerfileLsp` section with exactly the
 * server's settings (VS Code's default answer is the whole section, including
 * the client-only `server.*` and `trace.*` keys). Other items keep the answer
 * they had. `read` returns the configuration for a folder (or the workspace).
 */
export function answerConfiguration(
  items: readonly ConfigurationItem[],
  answers: readonly unknown[],
  read: (scopeUri: string | undefined) => ConfigurationReader,
): unknown[] {
  return items.map((item, index) => (item.section === SECTION ? serverSettings(read(item.scopeUri)) : answers[index]));
}
