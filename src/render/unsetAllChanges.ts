import { AWS_CREDENTIAL_VARIABLES, BOOKKEEPING_VARIABLES } from '../credentials/envVariables';
import type { EnvChanges } from '../shells/Shell';

/**
 * What `awscreds unset` does: clear every AWS credential variable and awscreds' bookkeeping.
 * The region variables stay: they choose where to work, not who you are.
 */
export function unsetAllChanges(): EnvChanges {
  return { unset: [...AWS_CREDENTIAL_VARIABLES, ...BOOKKEEPING_VARIABLES], set: [] };
}
