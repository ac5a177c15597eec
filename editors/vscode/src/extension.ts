// VS Code client for the dockerfile-lsp language server.
//
// It finds the `dockerfile-lsp` executable, starts it with `--stdio`, sends the
// `dockerfileLsp.*` settings as initializationOptions and answers the server's
// `workspace/configuration` requests with the same object.

import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ResponseError,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { findExecutable, type ExecutableLookup } from './executable';
import { SECTION, answerConfiguration, serverSettings } from './settings';

const OUTPUT_NAME = 'Dockerfile LSP';
const INSTALL_URL =
  'https://github.com/dockerfile-lsp/dockerfile-lsp/tree/main/editors/vscode#installing-the-server';

/** Files the extension talks to the server about. */
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'untitled', language: 'dockerfile' },
];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(OUTPUT_NAME);
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand(`${SECTION}.restartServer`, () => restart()),
    vscode.commands.registerCommand(`${SECTION}.showOutput`, () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.server.path`)) {
        void restart();
      }
    }),
  );

  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.dispose();
    } catch (error) {
      log(`stopping the server failed: ${describe(error)}`);
    }
  }
}

async function start(): Promise<void> {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>('server.path') ?? '';
  const lookup = findExecutable(configured, {
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
  });
  if (!lookup.path) {
    reportMissingServer(lookup);
    return;
  }
  log(`starting ${lookup.path} --stdio`);

  const serverOptions: ServerOptions = {
    command: lookup.path,
    args: ['--stdio'],
    options: { env: process.env },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    traceOutputChannel: output,
    initializationOptions: serverSettings(vscode.workspace.getConfiguration(SECTION)),
    synchronize: {
      configurationSection: SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.dockerignore,.hadolint.yaml,.hadolint.yml}'),
    },
    middleware: {
      workspace: {
        // The default answer is the whole `dockerfileLsp` section, including the
        // client-only `server.*` and `trace.*` keys; send exactly the server's
        // settings, resolved for the folder the server asks about.
        configuration: async (params, token, next) => {
          const answers: unknown = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers as ResponseError<void>;
          }
          return answerConfiguration(params.items, answers, (scopeUri) =>
            vscode.workspace.getConfiguration(SECTION, scopeUri ? vscode.Uri.parse(scopeUri) : undefined),
          );
        },
      },
    },
  };

  const created = new LanguageClient(SECTION, OUTPUT_NAME, serverOptions, clientOptions);
  client = created;
  try {
    await created.start();
  } catch (error) {
    log(`the server failed to start: ${describe(error)}`);
    void vscode.window
      .showErrorMessage(`Dockerfile LSP: the server (${lookup.path}) failed to start: ${describe(error)}`, 'Show output')
      .then((choice) => {
        if (choice === 'Show output') {
          output?.show(true);
        }
      });
  }
}

function reportMissingServer(lookup: ExecutableLookup): void {
  const message =
    `Dockerfile LSP: cannot find the language server "${lookup.requested}"` +
    (lookup.reason ? ` (${lookup.reason})` : '') +
    '. Install dockerfile-lsp or set "dockerfileLsp.server.path".';
  log(message);
  const install = 'How to install';
  const settings = 'Open settings';
  void vscode.window.showErrorMessage(message, install, settings).then((choice) => {
    if (choice === install) {
      void vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
    } else if (choice === settings) {
      void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
    }
  });
}

function log(line: string): void {
  output?.appendLine(`[client] ${line}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
