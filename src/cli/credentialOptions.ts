import { ssoRootOf } from '../config/loadProfile';
import { loadProfileRemembered } from '../config/rememberedConfig';
import { resolveProfileName } from '../config/sharedConfig';
import type { CredentialSet } from '../credentials/CredentialSet';
import { getCredentialSet, type CredentialSetInput } from '../credentials/getCredentialSet';
import { AwscredsError } from '../runtime/AwscredsError';
import { notSignedInFix } from '../token/getUsableSSOToken';
import type { Runtime } from '../runtime/Runtime';
import type { OptionTable, ParsedArgs } from './CommandModule';

/** What `credentialOptions` (--profile, --no-cache, --min-ttl) ask for: getCredentialSet's input. */
export function credentialInputFromArgs(args: ParsedArgs, context: Runtime): CredentialSetInput {
  const minTtl = args['min-ttl'] as number;
  if (!(minTtl >= 0 && minTtl <= 720)) {
    throw new AwscredsError('USAGE', `--min-ttl ${String(minTtl)} is out of range.`, 'give a number of minutes from 0 to 720.');
  }
  const profileName = resolveProfileName({ profileOption: args.profile as string | undefined, env: context.env });
  return {
    profile: loadProfileRemembered(context, profileName),
    home: context.home,
    now: context.now(),
    sdk: context.sdk,
    log: context.log,
    debug: context.debug,
    useCache: args.cache !== false,
    minRemainingMs: minTtl * 60_000,
    env: context.env,
    askTerminal: context.askTerminal,
    runCaptured: context.runCaptured,
  };
}

/**
 * The complete set for the profile that `credentialOptions` name: config → token → role
 * credentials, signing in first when there is no usable token and a user is at the terminal
 * (--no-login fails instead; everything a sign-in shows goes to stderr). `rerun` gives the
 * command line a not-signed-in error tells the user to run again, in their shell's syntax.
 * `fetch` gets the set (`console` assumes a profile's own role afresh).
 */
export async function credentialSetFromArgs(
  args: ParsedArgs,
  context: Runtime,
  rerun?: (profileName: string) => string,
  fetch: (input: CredentialSetInput) => Promise<CredentialSet> = getCredentialSet,
): Promise<CredentialSet> {
  const input = credentialInputFromArgs(args, context);
  const { profile } = input;
  const profileName = profile.name;
  try {
    return await fetch(input);
  } catch (error) {
    // A role chain rooted in an SSO profile signs in to that profile's sign-in.
    const root = ssoRootOf(profile);
    const canSignIn = args.login !== false && root !== undefined && context.stderrIsTTY();
    if (!(error instanceof AwscredsError && error.reason === 'NOT_SIGNED_IN')) throw error;
    // The fix names the command to run again as the user types it in their shell.
    if (!(canSignIn && root)) throw rerun ? new AwscredsError(error.reason, error.message, notSignedInFix(profileName, rerun(profileName))) : error;
    context.log(`awscreds: ${error.message} Signing in first (--no-login to skip).`);
    const { signIn } = await import('../login/signIn');
    await signIn({ sso: root.sso, profileName: root.name, context });
    return fetch({ ...input, now: context.now() });
  }
}

/** The options that choose and fetch a credential set: `export`, `exec` and `process` share them. */
export const credentialOptions = {
  profile: { type: 'string', alias: 'p', describe: 'Profile in ~/.aws/config (default: $AWS_PROFILE, else $AWS_DEFAULT_PROFILE, else "default")' },
  cache: { type: 'boolean', default: true, describe: 'Use the role-credential cache shared with the AWS CLI (--no-cache skips it)' },
  'min-ttl': { type: 'number', default: 15, describe: 'Minutes cached credentials must have left to be reused' },
  login: { type: 'boolean', default: true, describe: 'When not signed in and stderr is a terminal, sign in first (--no-login fails instead)' },
} satisfies OptionTable;
