import { listProfiles, loadSharedConfig, profileFromEnv } from '../config/sharedConfig';
import { AwscredsError } from '../runtime/AwscredsError';
import type { Runtime } from '../runtime/Runtime';
import type { ParsedArgs } from './CommandModule';

/** `--pick`, for the commands whose profile a user may choose on the terminal (export, exec). */
export const pickOption = {
  pick: { type: 'boolean', default: false, describe: 'Choose the profile in a type-to-filter list on the terminal (also when none is chosen and there is no [default])' },
} as const;

/**
 * `fetch(args)` for the profile the arguments choose. With --pick, or when nothing chose one
 * (no --profile, AWS_PROFILE or AWS_DEFAULT_PROFILE), there is no profile "default" and a user
 * is at a terminal, the user picks it first (src/pick, loaded only then). No terminal: the
 * error is today's. Esc: CANCELLED, nothing fetched.
 */
export async function withChosenProfile<T>(args: ParsedArgs, context: Runtime, fetch: (args: ParsedArgs) => Promise<T>): Promise<T> {
  if (args.pick === true) return pickThen(args, context, fetch, undefined);
  try {
    return await fetch(args);
  } catch (error) {
    const nothingChosen = args.profile === undefined && profileFromEnv(context.env) === undefined;
    if (!(error instanceof AwscredsError && error.reason === 'CONFIG' && nothingChosen)) throw error;
    if (listProfiles(loadSharedConfig(context)).includes('default') || !context.stderrIsTTY()) throw error;
    return pickThen(args, context, fetch, error);
  }
}

async function pickThen<T>(args: ParsedArgs, context: Runtime, fetch: (args: ParsedArgs) => Promise<T>, noDefault: AwscredsError | undefined): Promise<T> {
  const { pickProfile, rememberRecentProfile } = await import('../pick/pickProfile');
  const outcome = await pickProfile(context);
  if (outcome.kind === 'no-terminal') {
    throw noDefault ?? new AwscredsError('USAGE', '--pick needs a terminal to show the list on, and there is none.', 'name the profile: --profile NAME.');
  }
  if (outcome.kind === 'no-profiles') {
    throw noDefault ?? new AwscredsError('CONFIG', 'there is no profile to pick from in ~/.aws/config or ~/.aws/credentials.', 'awscreds populate --start-url URL --sso-region REGION');
  }
  if (outcome.kind === 'cancelled') throw new AwscredsError('CANCELLED', 'no profile was picked (Esc); nothing was exported.');
  const value = await fetch({ ...args, profile: outcome.name });
  rememberRecentProfile(context, outcome.name);
  return value;
}
