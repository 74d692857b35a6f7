import { AwscredsError } from '../AwscredsError';
import type { Env } from './configFilePaths';

/**
 * The profile to use, in the AWS CLI v2's order: `--profile`, AWS_PROFILE, AWS_DEFAULT_PROFILE,
 * then "default". An empty variable counts as unset; an empty `--profile` is a usage error
 * rather than a silent fall back to another profile.
 */
export function resolveProfileName({ profileOption, env }: { profileOption?: string; env: Env }): string {
  if (profileOption !== undefined) {
    if (profileOption.trim() === '') {
      throw new AwscredsError('USAGE', '--profile was given an empty name', 'pass a profile name, e.g. --profile dev, or leave --profile out to use AWS_PROFILE or "default"');
    }
    return profileOption;
  }
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}
