import { applyEnvChanges, credentialSetToEnvChanges, endpointEnvChanges } from '../../credentials/envChanges';
import type { EnvChanges } from '../../shells/Shell';
import { loadProfile } from '../../config/loadProfile';
import { loadSharedConfig, type SharedConfig } from '../../config/sharedConfig';
import { AwscredsError } from '../../runtime/AwscredsError';
import { userShell } from '../../shells/registry';
import type { CommandModule } from '../CommandModule';
import { pickOption, withChosenProfile } from '../chooseProfile';
import { credentialInputFromArgs, credentialOptions, credentialSetFromArgs } from '../credentialOptions';

export const execCommand: CommandModule = {
  command: 'exec',
  describe: 'Run the command given after -- with a complete credential set in its environment (stale credential variables removed); exit with its status',
  options: {
    ...credentialOptions,
    ...pickOption,
    serve: {
      type: 'boolean',
      default: false,
      describe: 'Give the command a local credential endpoint instead of keys, renewed before they run low (--min-ttl): for runs longer than a role session',
    },
  },
  examples: [
    ['awscreds exec --profile dev -- aws sts get-caller-identity', 'run one command with dev\'s credentials; your shell keeps none'],
    ['awscreds exec -p prod -- terraform plan -out plan.bin', 'everything after -- is the command, passed on exactly'],
    ['awscreds exec --serve -p prod -- terraform apply', 'a long run: the SDKs fetch fresh credentials from awscreds as they need them'],
  ],
  // The set, then the command after `--` with it in its environment (never in argv), or with a
  // credential endpoint that serves it; signals forwarded, its status passed through.
  async run(given, context) {
    const [command, ...commandArgs] = given._.slice(1).map(String);
    if (command === undefined || command === '') {
      throw new AwscredsError('USAGE', 'exec was given no command to run.', 'name it after `--`, e.g. `awscreds exec --profile dev -- aws sts get-caller-identity`.');
    }
    // The picked profile (--pick, or none chosen and no default) is what --serve refreshes too.
    const { set, args } = await withChosenProfile(given, context, async (chosen) => ({ set: await credentialSetFromArgs(chosen, context), args: chosen }));
    if (context.interrupted.aborted) throw new AwscredsError('INTERRUPTED', `interrupted before "${command}" started; it was not run.`);
    const { runChild, childExitStatus, childStartError } = await import('../../exec/runChild');
    let changes: EnvChanges = credentialSetToEnvChanges(set);
    let server: { close(): void } | undefined;
    if (args.serve === true) {
      const [{ startCredentialServer }, { getCredentialSet }] = await Promise.all([import('../../exec/credentialServer'), import('../../credentials/getCredentialSet')]);
      const input = credentialInputFromArgs(args, context);
      const endpoint = await startCredentialServer({
        initial: set,
        // No sign-in while the command runs: it owns the terminal. The endpoint says what to run.
        refresh: () => getCredentialSet({ ...input, now: context.now() }),
        minRemainingMs: input.minRemainingMs,
        now: context.now,
        log: context.log,
        debug: context.debug,
        quote: userShell(context).escape,
      });
      server = endpoint;
      changes = endpointEnvChanges(set, endpoint);
      // The SDKs read the default profile before a credential endpoint; say so when it has keys.
      if (defaultProfileHasCredentials(loadSharedConfig(context))) context.log('awscreds: warning: profile default has credentials; tools use them, not --serve.');
      context.debug(`exec --serve: credential endpoint at ${endpoint.url}`);
    }
    try {
      const outcome = await runChild({
        command,
        args: commandArgs,
        env: applyEnvChanges(context.env, changes),
        spawn: context.spawn,
        onSignal: context.onSignal,
        forwardSigint: !context.stdinIsTTY(),
      });
      if (outcome.kind === 'not-found' || outcome.kind === 'not-executable') throw childStartError(outcome, command);
      return { stdout: '', exitCode: childExitStatus(outcome), childStatus: true };
    } finally {
      server?.close();
    }
  },
};

function defaultProfileHasCredentials(shared: SharedConfig): boolean {
  try {
    loadProfile(shared, 'default');
    return true;
  } catch {
    return false;
  }
}
