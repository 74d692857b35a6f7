import { AwscredsError } from '../runtime/AwscredsError';
import type { Env } from '../runtime/Runtime';
import { bash } from './bash';
import { fish } from './fish';
import { SHELL_NAMES, type Shell, type ShellName } from './Shell';
import { zsh } from './zsh';

// Every shell awscreds supports; a ShellName without an entry here is a compile error.
const REGISTRY: Readonly<Record<ShellName, Shell>> = { bash, zsh, fish };

export function shellByName(name: ShellName): Shell {
  return REGISTRY[name];
}

/**
 * `--shell`, else the login shell named by $SHELL. No guess beyond that: printing bash syntax
 * into fish would fail in a confusing way, so an unknown shell is a usage error.
 */
export function detectShell(option: string | undefined, env: Env): Shell {
  if (option !== undefined) {
    if ((SHELL_NAMES as readonly string[]).includes(option)) return REGISTRY[option as ShellName];
    throw new AwscredsError('USAGE', `unknown shell "${option}" for --shell.`, `use one of: ${SHELL_NAMES.join(', ')}.`);
  }
  const base = (env.SHELL ?? '').split('/').pop() ?? '';
  const name = base.replace(/^-/, '').replace(/-?[\d.]+$/, '');
  if ((SHELL_NAMES as readonly string[]).includes(name)) return REGISTRY[name as ShellName];
  throw new AwscredsError(
    'USAGE',
    env.SHELL ? `cannot tell which shell to write for: $SHELL is "${env.SHELL}", which awscreds does not support.` : 'cannot tell which shell to write for: $SHELL is not set.',
    `pass --shell ${SHELL_NAMES.join('|')}.`,
  );
}
