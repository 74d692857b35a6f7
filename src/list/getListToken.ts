import { AwscredsError } from '../AwscredsError';
import type { SdkClients } from '../cli/CliContext';
import { getUsableSSOToken } from '../token/getUsableSSOToken';
import { listNotSignedInError } from './listNotSignedInError';
import type { ListTarget } from './resolveListTarget';

export interface ListTokenInput {
  readonly target: ListTarget;
  readonly home: string;
  readonly sdk: SdkClients;
  readonly now: Date;
  readonly log: (text: string) => void;
  readonly debug: (text: string) => void;
}

/** The access token for the target's sign-in, read (and refreshed) exactly as export does. */
export async function getListToken(input: ListTokenInput): Promise<string> {
  const { target, ...rest } = input;
  try {
    return await getUsableSSOToken({ ...rest, profileName: target.profileName ?? '', sso: target.sso });
  } catch (error) {
    // export's message names a profile; an sso-session no profile uses gets its own.
    if (target.profileName === undefined && error instanceof AwscredsError && error.reason === 'NOT_SIGNED_IN') {
      throw listNotSignedInError(target, 'there is no usable cached SSO token (none, or it expired and could not be refreshed)');
    }
    throw error;
  }
}
