import { join } from 'node:path';
import type { ShellName } from '../shells/Shell';

/**
 * The file each shell reads at every interactive start: bash's ~/.bashrc, zsh's .zshrc in
 * $ZDOTDIR (else home), and for fish a file of our own in conf.d, which fish sources by
 * itself, so config.fish is never touched.
 */
export function rcFileForShell(shell: ShellName, home: string, env: Readonly<Record<string, string | undefined>>): string {
  switch (shell) {
    case 'bash':
      return join(home, '.bashrc');
    case 'zsh':
      return join(env.ZDOTDIR || home, '.zshrc');
    case 'fish':
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'fish', 'conf.d', 'awscreds.fish');
  }
}
