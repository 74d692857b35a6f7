import type { CommandModule } from '../CommandModule';
import { exportCommand } from './exportCommand';

/** The registry of commands, in the order `awscreds --help` lists them. */
export function allCommands(): readonly CommandModule[] {
  return [exportCommand];
}
