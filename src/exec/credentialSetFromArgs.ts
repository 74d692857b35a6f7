import { AwscredsError } from '../AwscredsError';
import type { CliContext } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';
import { loadProfile } from '../config/loadProfile';
import { resolveProfileName } from '../config/resolveProfileName';
import type { CredentialSet } from '../credentials/CredentialSet';
import { getCredentialSet } from '../credentials/getCredentialSet';

/** The complete set for the profile that `credentialOptions` (--profile, --no-cache, --min-ttl) name. */
export async function credentialSetFromArgs(args: ParsedArgs, context: CliContext): Promise<CredentialSet> {
  const minTtl = args['min-ttl'] as number;
  if (!(minTtl >= 0 && minTtl <= 720)) {
    throw new AwscredsError('USAGE', `--min-ttl ${String(minTtl)} is out of range.`, 'give a number of minutes from 0 to 720.');
  }
  const profileName = resolveProfileName({ profileOption: args.profile as string | undefined, env: context.env });
  const profile = loadProfile({ profileName, env: context.env, home: context.home });
  return getCredentialSet({
    profile,
    home: context.home,
    now: context.now(),
    sdk: context.sdk,
    log: context.log,
    debug: context.debug,
    useCache: args.cache as boolean,
    minRemainingMs: minTtl * 60_000,
  });
}
