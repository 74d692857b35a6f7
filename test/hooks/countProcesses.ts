import { driver } from '../helpers/shellDriver';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellName } from '../../src/shells/Shell';
import type { AwscredsOnPath } from './awscredsOnPath';
import { prepareHome } from './hookTestSetup';
import { startInteractiveShell, type InteractiveShell } from './interactiveShell';

// "No process per prompt", measured: an interactive shell with the hook installed runs under
// strace, and the processes it starts are counted.


/** The positive control: a prompt hook of the user's (rc file) that starts one process per prompt, besides awscreds' hook. */
export const forkingPromptHook = (shell: ShellName): string => `${driver(shell).addPromptHook('fork_probe', '/bin/true')}\n`;

/**
 * The processes an interactive `shell` (rc file: `userRc`, then the hook; `binary`: another
 * build of it) starts from its start to its end, under strace: `setUp` (steps that set the
 * variables), then `prompts` command lines (`line(i)`, by default `:`).
 */
export async function processesStarted(
  built: AwscredsOnPath,
  shell: ShellName,
  prompts: number,
  userRc: string,
  binary: string | undefined,
  setUp: (sh: InteractiveShell) => Promise<void>,
  line: (i: number) => string = () => ':',
): Promise<number> {
  const { home, env } = prepareHome(shell, built, userRc);
  const trace = join(mkdtempSync(join(built.workDir, 'strace-')), 'trace');
  const sh = await startInteractiveShell({ shell, binary, home, env, wrapper: ['strace', '-f', '-qq', '-e', 'trace=fork,vfork,clone,clone3', '-o', trace] });
  await setUp(sh);
  for (let i = 0; i < prompts; i += 1) await sh.run(line(i));
  await sh.close();
  // Threads are clones too: count only the ones that create a process (no CLONE_THREAD).
  return readFileSync(trace, 'utf8').split('\n').filter((line) => /\b(fork|vfork|clone3?)\(/.test(line) && !line.includes('CLONE_THREAD') && !line.includes('resumed>')).length;
}
