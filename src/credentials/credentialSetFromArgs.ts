import { AwscredsError } from '../AwscredsError';
import type { CliContext } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';
import { loadProfile } from '../config/loadProfile';
import { resolveProfileName } from '../config/resolveProfileName';
import type { CredentialSet } from './CredentialSet';
import { getCredentialSet } from './getCredentialSet';

/**
 * The complete set for the profile that `credentialOptions` (--profile, --no-cache, --min-ttl,
 * --no-login) name: config → token → role credentials, signing in first when there is no
 * usable token and a user is at the terminal (everything it shows goes to stderr).
 */
export async function credentialSetFromArgs(args: ParsedArgs, context: CliContext): Promise<CredentialSet> {
  const minTtl = args['min-ttl'] as number;
  if (!(minTtl >= 0 && minTtl <= 720)) {
    throw new AwscredsError('USAGE', `--min-ttl ${String(minTtl)} is out of range.`, 'give a number of minutes from 0 to 720.');
  }
  const profileName = resolveProfileName({ profileOption: args.profile as string | undefined, env: context.env });
  const profile = loadProfile({ profileName, env: context.env, home: context.home });
  const input = {
    profile,
    home: context.home,
    now: context.now(),
    sdk: context.sdk,
    log: context.log,
    debug: context.debug,
    useCache: args.cache !== false,
    minRemainingMs: minTtl * 60_000,
  };
  try {
    return await getCredentialSet(input);
  } catch (error) {
    const canSignIn = args.login !== false && profile.kind === 'sso' && context.stderrIsTTY();
    if (!(error instanceof AwscredsError && error.reason === 'NOT_SIGNED_IN' && canSignIn && profile.kind === 'sso')) throw error;
    context.log(`awscreds: ${error.message} Signing in first (--no-login to skip).`);
    const { signIn } = await import('../login/signIn');
    await signIn({ sso: profile.sso, profileName, context });
    return getCredentialSet({ ...input, now: context.now() });
  }
}
