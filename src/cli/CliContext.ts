import type { SSOClient } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { OnForwardedSignal, SpawnChild } from '../exec/ChildProcessLike';

/** The AWS SDK clients awscreds uses, made on demand so the cached path never loads the SDK. */
export interface SdkClients {
  sso(region: string): Promise<SSOClient>;
  oidc(region: string): Promise<SSOOIDCClient>;
}

/** Everything a command may read or touch. Only main.ts builds one from the real process. */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
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
  /** Where package.json and shell/ live. */
  readonly packageRoot: string;
  readonly version: string;
  readonly sdk: SdkClients;
  /** Fires when the user presses Ctrl-C; long waits (sign-in) listen to it. */
  readonly interrupted: AbortSignal;
  /** Starts a child process with stdio inherited: only `awscreds exec` uses it. */
  readonly spawn: SpawnChild;
  /** Subscribes to SIGINT, SIGTERM and SIGHUP (which then do not end awscreds) for `exec` to forward. */
  readonly onSignal: OnForwardedSignal;
}

export interface CommandResult {
  readonly stdout: string;
  readonly exitCode: number;
  /** The exit code is a child's status (`awscreds exec`): passed through even after Ctrl-C. */
  readonly childStatus?: boolean;
}
