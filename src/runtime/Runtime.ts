import type { SSOClient } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { STSClient } from '@aws-sdk/client-sts';
import type { PostForm } from './postForm';

/** An environment: variables as the process received them (an empty one counts as unset where the AWS tools say so). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Credentials to sign with, as the SDK takes them. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What the SDK's own providers return for a `credential_source`. */
export interface SourcedCredentials extends SigningCredentials {
  readonly expiration?: Date;
}

/** The `credential_source` providers, by the AWS CLI's canonical names. */
export type CredentialSourceProvider = 'Environment' | 'EcsContainer' | 'Ec2InstanceMetadata';

/** The AWS SDK clients awscreds uses, made on demand so the cached path never loads the SDK. */
export interface SdkClients {
  sso(region: string): Promise<SSOClient>;
  oidc(region: string): Promise<SSOOIDCClient>;
  /**
   * STS in `region` ('aws-global' for the global endpoint), signing with `credentials`
   * (none: unsigned, as AssumeRoleWithWebIdentity). AWS_ENDPOINT_URL_STS and
   * AWS_ENDPOINT_URL apply, as the SDK reads them.
   */
  sts(region: string, credentials?: SigningCredentials): Promise<STSClient>;
  /** Credentials from one of the SDK's providers (credential_source); throws when it has none. */
  credentialSource(name: CredentialSourceProvider): Promise<SourcedCredentials>;
}

/** How a captured child process ended: `awscreds` runs credential_process commands this way. */
export type CapturedRun =
  | { readonly kind: 'exited'; readonly code: number; readonly stdout: string }
  | { readonly kind: 'signaled'; readonly signal: string; readonly stdout: string }
  | { readonly kind: 'timed-out'; readonly stdout: string }
  | { readonly kind: 'not-started'; readonly code: string };

/**
 * Runs a program without a shell, stdin and stderr inherited (so it can prompt the user),
 * stdout captured; killed after `timeoutMs`.
 */
export type RunCaptured = (command: string, args: readonly string[], options: { env: Record<string, string>; timeoutMs: number }) => Promise<CapturedRun>;

/**
 * Shows `prompt` on the terminal (stderr) and reads one line typed on the controlling terminal
 * (/dev/tty), even when stdout is captured by `eval "$(…)"`; undefined when there is no terminal.
 */
export type AskTerminal = (prompt: string) => Promise<string | undefined>;

/** The process as awscreds sees it: everything a command may read or touch. Only main.ts builds one from the real process; tests build their own. */
export interface Runtime {
  readonly env: Env;
  readonly home: string;
  /** The real uid: files awscreds trusts in its own cache must be this user's. */
  readonly uid: number;
  readonly cwd: string;
  readonly now: () => Date;
  /** Writes one log line (or several) to stderr. stdout is returned, never written directly. */
  readonly log: (text: string) => void;
  /**
   * With --debug, one line to stderr about a request or a cache decision; otherwise nothing.
   * Callers pass no secret: name the file or field, never its value.
   */
  readonly debug: (text: string) => void;
  /** Functions, not values: asking loads node:tty, which the warm export path must not pay for. */
  readonly stdinIsTTY: () => boolean;
  readonly stderrIsTTY: () => boolean;
  /** stdout is a terminal (nothing will run an export block printed there). */
  readonly stdoutIsTTY: () => boolean;
  /** Where package.json and shell/ live. */
  readonly packageRoot: string;
  readonly version: string;
  /**
   * The bundle's SHA-256 (16 hex digits, scripts/build.mjs): what awscreds remembers between
   * runs is used only by the build that stored it. Undefined when run from source: nothing is
   * remembered then.
   */
  readonly build: string | undefined;
  readonly sdk: SdkClients;
  /** Fires when the user presses Ctrl-C; long waits (sign-in) listen to it. */
  readonly interrupted: AbortSignal;
  /** Runs a credential_process command. */
  readonly runCaptured: RunCaptured;
  /** Asks the user for a line (an MFA code) on the terminal. */
  readonly askTerminal: AskTerminal;
  /** Starts a child process with stdio inherited: only `awscreds exec` uses it. */
  readonly spawn: SpawnChild;
  /** Subscribes to SIGINT, SIGTERM and SIGHUP (which then do not end awscreds) for `exec` to forward. */
  readonly onSignal: OnForwardedSignal;
  /**
   * The width of the user's terminal in columns, asked of the terminal itself (stdout, stderr,
   * else /dev/tty: help may go to a pipe); undefined without one. Loads node:tty: help path only.
   */
  readonly terminalColumns: () => number | undefined;
  /** A bounded HTTPS form POST (the console sign-in endpoint): runtime/postForm.ts. */
  readonly postForm: PostForm;
  /** The process that started awscreds: for `eval "$(awscreds export)"`, the shell the user types in. */
  readonly parentProcess: ParentProcess;
}

/** The parent process: its id, and the file name of its executable where the OS tells (Linux's /proc), read only when asked. */
export interface ParentProcess {
  readonly pid: number;
  readonly executableName: () => string | undefined;
}


/** The signals `awscreds exec` forwards to its child. */
export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type ForwardedSignal = (typeof FORWARDED_SIGNALS)[number];

/** The part of Node's ChildProcess that `runChild` uses. */
export interface ChildProcessLike {
  /** undefined when the process could not be started. */
  readonly pid?: number | undefined;
  kill(signal: NodeJS.Signals): boolean;
  once(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

/** A `spawn`-like function: Node's `child_process.spawn` fits. */
export type SpawnChild = (command: string, args: readonly string[], options: { env: Record<string, string>; stdio: 'inherit' }) => ChildProcessLike;

/**
 * Calls `handler` for every SIGINT, SIGTERM and SIGHUP the process receives until the returned
 * function is called; while a handler is registered, those signals do not end the process.
 */
export type OnForwardedSignal = (handler: (signal: ForwardedSignal) => void) => () => void;

/** How a child ended, or why it never started. */
export type ChildOutcome =
  | { readonly kind: 'exited'; readonly code: number }
  | { readonly kind: 'signaled'; readonly signal: NodeJS.Signals }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-executable'; readonly code: string };
