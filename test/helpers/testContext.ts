import { join } from 'node:path';
import type { CommandContext } from '../../src/cli/CommandModule';

/**
 * A complete command context (Runtime and an empty command list) for running a command in-process. Anything the command is not
 * expected to use throws, so a test notices when it does.
 */
export function testContext(overrides: Partial<CommandContext> & { logged?: string[] } = {}): CommandContext {
  const logged = overrides.logged ?? [];
  const unexpected = (what: string) => async (): Promise<never> => {
    throw new Error(`this test's context has no ${what}`);
  };
  return {
    env: {},
    home: '/nonexistent',
    uid: process.getuid?.() ?? 0,
    cwd: '/',
    now: () => new Date(1_800_000_000_000),
    log: (text) => void logged.push(text),
    debug: () => undefined,
    stdinIsTTY: () => false,
    stderrIsTTY: () => false,
    stdoutIsTTY: () => false,
    packageRoot: join(__dirname, '..', '..'),
    version: '0.0.0-test',
    build: '0000000000000000',
    sdk: { sso: unexpected('SSO client'), oidc: unexpected('OIDC client'), sts: unexpected('STS client'), credentialSource: unexpected('credential source') },
    runCaptured: unexpected('credential_process runner'),
    askTerminal: unexpected('terminal'),
    postForm: unexpected('form POST'),
    interrupted: new AbortController().signal,
    spawn: () => {
      throw new Error("this test's context has no spawn");
    },
    onSignal: () => () => undefined,
    commands: [],
    parentProcess: { pid: 1, executableName: () => undefined },
    terminalColumns: () => undefined,
    ...overrides,
  };
}
