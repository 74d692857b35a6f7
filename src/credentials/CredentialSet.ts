import type { ResolvedProfile } from '../config/loadProfile';
import type { AskTerminal, Env, RunCaptured, SdkClients } from '../runtime/Runtime';

/** A complete credential set, validated, ready to render. */
export interface CredentialSet {
  readonly kind: 'temporary' | 'long-term';
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for every temporary set; a long-term set has none. */
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly profileName: string;
  /** The profile's working region, when it names one. */
  readonly region?: string;
  readonly accountId?: string;
}

/** What getCredentialSet needs to get a profile's set. */
export interface CredentialSetInput {
  readonly profile: ResolvedProfile;
  readonly home: string;
  readonly now: Date;
  readonly sdk: SdkClients;
  readonly log: (text: string) => void;
  readonly debug: (text: string) => void;
  /** Skip the role-credential cache entirely (neither read nor written). */
  readonly useCache: boolean;
  /** Cached credentials with less than this left are fetched anew (the AWS CLI uses 15 min). */
  readonly minRemainingMs: number;
  /** The environment (credential_source = Environment, STS region, credential_process). */
  readonly env: Env;
  /** Asks for an MFA code on the terminal. */
  readonly askTerminal: AskTerminal;
  /** Runs credential_process commands. */
  readonly runCaptured: RunCaptured;
}
