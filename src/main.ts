import { fstatSync, openSync, readlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { allCommands } from './cli/commands/allCommands';
import { runCli, splitDebugFlag } from './cli/runCli';
import { exitCodeOf } from './runtime/exitCodes';
import { readRegularFile } from './runtime/files';
import { FORWARDED_SIGNALS, type Runtime, type SdkClients } from './runtime/Runtime';
import { boundedRetryStrategy, endpointFromEnv, nameEndpointInErrors, pinnedClientSettings, requestHandlerOptions, serviceEndpoint } from './runtime/network';
import { sdkLogger } from './runtime/sdkLog';

// The only module with side effects: it reads the real process, runs the CLI, writes stdout
// once at the end and sets the exit code.
declare const AWSCREDS_VERSION: string | undefined;
/** The bundle's SHA-256 (16 hex digits), from scripts/build.mjs; undefined when run from source. */
declare const AWSCREDS_BUNDLE_HASH: string | undefined;

async function main(): Promise<void> {
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  const packageRoot = join(__dirname, '..');
  const { argv, debug } = splitDebugFlag(process.argv.slice(2));
  const log = (text: string): void => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  const context: Runtime = {
    env: { ...process.env },
    home: process.env.HOME || homedir(),
    uid: process.getuid?.() ?? 0,
    cwd: process.cwd(),
    now: () => new Date(),
    log,
    debug: debug ? (text) => log(`awscreds[debug]: ${text}`) : () => undefined,
    // Asked lazily, and with isatty rather than process.stdin.isTTY (which builds a stream).
    stdinIsTTY: () => isatty(0),
    stderrIsTTY: () => isatty(2),
    // fstat first: under eval "$(…)" stdout is a pipe, and node:tty is not loaded for it.
    stdoutIsTTY: () => isCharacterDevice(1) && isatty(1),
    packageRoot,
    version: typeof AWSCREDS_VERSION === 'string' ? AWSCREDS_VERSION : readVersion(packageRoot),
    build: typeof AWSCREDS_BUNDLE_HASH === 'string' ? AWSCREDS_BUNDLE_HASH : undefined,
    sdk: realSdkClients(debug ? log : undefined),
    interrupted: interrupt.signal,
    runCaptured: async (command, args, options) => (await import('./runtime/childProcess')).runCaptured(command, args, options),
    askTerminal: async (prompt) => (await import('./runtime/terminalPrompt')).askOnTerminal(prompt, { write: (text) => void process.stderr.write(text), signal: interrupt.signal }),
    spawn: (command, args, options) => (require('node:child_process') as typeof import('node:child_process')).spawn(command, [...args], options),
    onSignal: (handler) => {
      for (const signal of FORWARDED_SIGNALS) process.on(signal, handler);
      return () => {
        for (const signal of FORWARDED_SIGNALS) process.off(signal, handler);
      };
    },
    terminalColumns,
    // Loaded when called: the export path never posts a form.
    postForm: async (url, form, signal) => (await import('./runtime/postForm')).postForm(url, form, signal),
    parentProcess: { pid: process.ppid, executableName: () => processExecutableName(process.ppid) },
  };
  const result = await runCli(argv, context, allCommands());
  if (interrupt.signal.aborted && result.exitCode !== 0 && result.childStatus !== true) process.exitCode = exitCodeOf('INTERRUPTED');
  else process.exitCode = result.exitCode;
  if (result.stdout !== '') writeStdout(result.stdout);
}

/** One write of the whole output; a plain fd write skips building the stdout stream. */
function writeStdout(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    process.stdout.write(bytes.subarray(written)); // a non-blocking pipe: let the stream wait
  }
}

/**
 * The file name of a process's executable, from Linux's /proc: one readlink (no child process,
 * which the export path must not start); its command name when the link cannot be read (a
 * process of another user); undefined where there is no /proc (macOS).
 */
function processExecutableName(pid: number): string | undefined {
  try {
    return basename(readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, ''));
  } catch {
    try {
      return readRegularFile(`/proc/${pid}/comm`, 4096).toString('utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

/** The terminal's width: of stdout or stderr when one is a terminal, else of /dev/tty (stdout piped to `less`). */
function terminalColumns(): number | undefined {
  const direct = (process.stdout.isTTY && process.stdout.columns) || (process.stderr.isTTY && process.stderr.columns);
  if (direct) return direct;
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return undefined; // no controlling terminal
  }
  const terminal = new (require('node:tty') as typeof import('node:tty')).WriteStream(fd);
  try {
    const [columns] = terminal.getWindowSize();
    return columns > 0 ? columns : undefined;
  } finally {
    terminal.destroy(); // closes fd
  }
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false; // closed
  }
}

function isatty(fd: number): boolean {
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}

function realSdkClients(debugLog: ((text: string) => void) | undefined): SdkClients {
  // awscreds supports Node 20; the SDK's notice about its own future Node support is not the
  // user's concern and would clutter every sign-in. Commands see the snapshot in context.env.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Every call bounded (src/runtime/network.ts): connect and request timeouts, and retries of
  // 5xx, throttling and network errors only, with jittered backoff, within a time budget.
  // The settings the SDK would look up in the shared files are given (pinnedClientSettings).
  const options = (service: 'sso' | 'sso-oidc' | 'sts', region: string) => {
    const endpoint = endpointFromEnv(service, process.env);
    return {
      // STS's global endpoint signs for us-east-1; given an endpoint, the SDK would sign for 'aws-global'.
      region: region === 'aws-global' && endpoint !== undefined ? 'us-east-1' : region,
      logger: sdkLogger(debugLog),
      requestHandler: requestHandlerOptions(),
      retryStrategy: boundedRetryStrategy(),
      ...pinnedClientSettings(endpoint),
    };
  };
  return {
    // Required on demand: the SDK is large and the cached path must not load it.
    async sso(region) {
      const { SSOClient } = await import('@aws-sdk/client-sso');
      const client = new SSOClient(options('sso', region));
      nameEndpointInErrors(client.middlewareStack, serviceEndpoint('sso', region, process.env));
      return client;
    },
    async oidc(region) {
      const { SSOOIDCClient } = await import('@aws-sdk/client-sso-oidc');
      const client = new SSOOIDCClient(options('sso-oidc', region));
      nameEndpointInErrors(client.middlewareStack, serviceEndpoint('sso-oidc', region, process.env));
      return client;
    },
    async sts(region, credentials) {
      const { STSClient } = await import('@aws-sdk/client-sts');
      // Unsigned without credentials (AssumeRoleWithWebIdentity), as botocore's UNSIGNED: the
      // endpoint rules of the global endpoint would otherwise ask for SigV4, and the client must
      // not look for credentials.
      const signing = credentials ? { credentials } : { httpAuthSchemeProvider: () => [{ schemeId: 'smithy.api#noAuth' }] };
      const client = new STSClient({ ...options('sts', region), ...signing });
      nameEndpointInErrors(client.middlewareStack, serviceEndpoint('sts', region, process.env));
      return client;
    },
    async credentialSource(name) {
      // The SDK's own providers, as the AWS CLI uses its own for credential_source.
      if (name === 'Environment') return (await import('@aws-sdk/credential-provider-env')).fromEnv()();
      const imds = await import('@smithy/credential-provider-imds');
      const provider = name === 'EcsContainer' ? imds.fromContainerMetadata({ maxRetries: 1 }) : imds.fromInstanceMetadata({ maxRetries: 1 });
      return provider();
    },
  };
}

function readVersion(packageRoot: string): string {
  return (require(join(packageRoot, 'package.json')) as { version: string }).version;
}

void main();
