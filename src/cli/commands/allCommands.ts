import type { CommandModule } from '../CommandModule';
import { exportCommand } from './exportCommand';
import { hookCommand } from './hookCommand';
import { checkCommand } from './checkCommand';
import { loginCommand } from './loginCommand';
import { logoutCommand } from './logoutCommand';
import { unsetCommand } from './unsetCommand';
import { listCommand } from './listCommand';
import { processCommand } from './processCommand';
import { completionCommand } from './completionCommand';
import { execCommand } from './execCommand';
import { consoleCommand } from './consoleCommand';
import { populateCommand } from './populateCommand';

/** The registry of commands, in the order `awscreds --help` lists them. */
export function allCommands(): readonly CommandModule[] {
  return [exportCommand, unsetCommand, execCommand, processCommand, loginCommand, logoutCommand, consoleCommand, listCommand, populateCommand, checkCommand, hookCommand, completionCommand];
}
