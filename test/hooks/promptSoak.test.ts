import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SHELL_NAMES, type ShellName } from '../../src/shells/Shell';
import { NEEDS, needing } from '../helpers/needs';
import { driver } from '../helpers/shellDriver';
import { startTmuxShell } from '../helpers/tmuxShell';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { prepareHome } from './hookTestSetup';
import { startInteractiveShell } from './interactiveShell';
import { shellsUnderTest } from './shellsUnderTest';

// Thousands of prompts with the hook leave the shell as they found it: no variable, function
// or hook registration added per prompt (the per-prompt cost stays flat; `npm run bench`
// times it). Every shell, interactive, with the hook `awscreds hook install` set up and a
// complete set exported: bash and zsh read their command lines from a pipe, fish from a
// terminal (it runs its prompt hooks only there), a hundred lines at a time, so every line is
// a prompt; nu in tmux, whose terminal answers its line editor, one Enter at a time.

let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));

const PROMPTS = 3000;
// In tmux each prompt is a round trip through the tmux server, ~20 ms: a thousand prompts
// keep the test within a minute, and a leak of one name per prompt shows as a thousand names.
const PROMPTS_IN_TMUX = 1000;
const BATCH = 100;

const token = 'IQoJb3JpZ2luX2VjEBSOAKTESTTOKEN0123456789abcdefghijklmnop';
const credentials = (): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: 'ASIASOAKTEST00000001',
  AWS_SECRET_ACCESS_KEY: 'soakSecret0123456789',
  AWS_SESSION_TOKEN: token,
  AWSCREDS_PROFILE: 'soak',
  AWSCREDS_KEY_ID: 'ASIASOAKTEST00000001',
  AWSCREDS_TOKEN_FP: `${token.length}:${token.slice(-8)}`,
  AWSCREDS_EXPIRES_AT: String(Math.floor(Date.now() / 1000) + 3600),
});

/** An interactive shell with the hook: a line typed and run, and `count` prompts with nothing else done. */
interface Soaked {
  run(line: string): Promise<unknown>;
  prompts(count: number): Promise<void>;
  close(): Promise<unknown>;
}

/** A step that does not end within this fails the test (a hung shell is killed): a real timeout. */
const STEP_TIMEOUT_MS = 60_000;

async function startSoaked(shell: ShellName, binary: string | undefined, userRc: string): Promise<{ sh: Soaked; home: string; prompts: number }> {
  const d = driver(shell);
  // In tmux, a prompt of its own, which tmuxShell knows the prompt line by.
  const prompt = 'SOAK> ';
  const { home, env } = prepareHome(shell, built, d.editorAsksTerminal ? `${d.promptRc(prompt)}${userRc}` : userRc);
  const withSet = { ...env, ...credentials() };
  if (d.editorAsksTerminal) {
    const tmux = await startTmuxShell(d.interactiveArgv(home), { ...withSet, HOME: home, XDG_CONFIG_HOME: join(home, '.config') }, d.printMarker, prompt, STEP_TIMEOUT_MS);
    return { sh: { run: tmux.run, prompts: tmux.pressEnter, close: async () => tmux.close() }, home, prompts: PROMPTS_IN_TMUX };
  }
  const sh = await startInteractiveShell({ shell, binary, home, env: withSet, timeoutMs: STEP_TIMEOUT_MS });
  const prompts = async (count: number): Promise<void> => {
    for (let done = 0; done < count; done += BATCH) await sh.run(Array<string>(Math.min(BATCH, count - done)).fill(d.noop).join('\n'));
  };
  return { sh: { run: sh.run, prompts, close: sh.close }, home, prompts: PROMPTS };
}

/** Names of variables and functions, and the hook registrations, after a few prompts and after many. */
async function namesAfterPrompts(shell: ShellName, binary: string | undefined, userRc: string): Promise<{ before: string[]; after: string[] }> {
  const d = driver(shell);
  const { sh, home, prompts } = await startSoaked(shell, binary, userRc);
  try {
    await sh.prompts(2);
    await sh.run(d.dumpNames(join(home, 'before')));
    await sh.prompts(prompts);
    await sh.run(d.dumpNames(join(home, 'after')));
  } finally {
    await sh.close();
  }
  const volatile = new Set(d.volatileNames);
  const read = (file: string): string[] => [...new Set(readFileSync(join(home, file), 'utf8').split('\n').filter((name) => name !== '' && !volatile.has(name)))].sort();
  return { before: read('before'), after: read('after') };
}

describe.each(shellsUnderTest(SHELL_NAMES))('%s after thousands of prompts with the hook', (_label, shell, binary) => {
  const soak = driver(shell).editorAsksTerminal ? needing('promptSoak in tmux', NEEDS.tmux).test : test;

  soak('has exactly the variables, functions and hook registrations it had after the first prompts', async () => {
    const { before, after } = await namesAfterPrompts(shell, binary, '');
    expect(before.some((name) => name.startsWith('_awscreds'))).toBe(true); // the hook is loaded
    expect(after).toEqual(before);
  }, 240_000);

  soak('(positive control) the same comparison catches a hook that leaves one variable per prompt', async () => {
    const d = driver(shell);
    const { before, after } = await namesAfterPrompts(shell, binary, `${d.addPromptHook('_leak', d.setRandomGlobal('leak_'))}\n`);
    expect(after.filter((name) => name.startsWith('leak_')).length).toBeGreaterThan(before.filter((name) => name.startsWith('leak_')).length + 100);
  }, 240_000);
});
