import type { CommandModule } from '../CommandModule';
import { exportCommand } from './exportCommand';
import { hookCommand } from './hookCommand';
import { checkCommand } from './checkCommand';

/** The registry of commands, in the order `awscreds --help` lists them. */
export function allCommands(): readonly CommandModule[] {
  return [exportCommand, hookCommand, checkCommand];
}
