import { SHELL_NAMES } from '../shells/Shell';

/**
 * The one definition of `--shell` (and of the `[shell]` positional of `hook` and `completion`):
 * the shell to write for, one of SHELL_NAMES. Without it, the shell awscreds runs in.
 */
export const shellOption = {
  type: 'string',
  choices: [...SHELL_NAMES],
  describe: `The shell to write for: ${SHELL_NAMES.join(', ')} (default: the shell awscreds runs in, else $SHELL)`,
} as const;
