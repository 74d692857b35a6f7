import { chmodSync, chownSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellByName } from '../../src/shells/registry';
import { driver, type HookSuiteShell } from '../helpers/shellDriver';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS, prepareHome } from './hookTestSetup';
import { startInteractiveShell } from './interactiveShell';
import { NEEDS, needing } from '../helpers/needs';

// The rc block checks the hook file before sourcing it (issue 18): a file another user could
// have written runs nothing, and one line says why. Each attack is played by user nobody
// (65534) against root's shell, with a positive control: the same layout, the user's own,
// loads. Owning files as another user takes root: elsewhere these tests are skipped.
const asRoot = needing('hookFileTrust: another user', NEEDS.root).test;
const NOBODY = 65534;

let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));

/** The file `hook install` put its block in (fish: conf.d/awscreds.fish, not the user's config.fish). */
const rcFile = (shell: HookSuiteShell, home: string): string => shellByName(shell).rcFile(home, { HOME: home });

/** Code an attacker plants: it says so if it runs. */
const PLANTED = 'echo PLANTED-CODE-RAN\n';

/**
 * Starts the shell with the hook installed, lets `tamper` change the layout, then sources
 * the rc file again in a shell started with `env`: what that printed, and whether the hook
 * (AWSCREDS_SHELL) was loaded by it.
 */
async function loadAfter(shell: HookSuiteShell, tamper: (home: string, hookDir: string) => Record<string, string> | void): Promise<{ stdout: string; messages: string[]; loaded: boolean }> {
  const { home, env } = prepareHome(shell, built);
  const hookDir = join(home, '.local', 'share', 'awscreds');
  const extraEnv = tamper(home, hookDir) ?? {};
  // In HOME: a relative XDG_DATA_HOME is where fish keeps its history too.
  const sh = await startInteractiveShell({ shell, home, cwd: home, env: { ...env, ...extraEnv, AWSCREDS_SHELL: 'unset' } });
  try {
    // From HOME, where a relative XDG_DATA_HOME would find the planted file.
    const sourced = await sh.run(`cd ${home}; ${driver(shell).unset(['AWSCREDS_SHELL'])}; ${driver(shell).sourceFile(rcFile(shell, home))}`);
    const probe = await sh.run(driver(shell).echoVariable('AWSCREDS_SHELL'));
    return { stdout: sourced.stdout, messages: sh.messages(sourced), loaded: new RegExp(`^AWSCREDS_SHELL=${shell} [0-9]+$`, 'm').test(probe.stdout) };
  } finally {
    await sh.close();
  }
}

const plant = (file: string, owner: number): void => {
  writeFileSync(file, PLANTED, { mode: 0o644 });
  chownSync(file, owner, owner);
};

describe.each(SHELLS)('%s', (shell) => {
  const hookName = `hook.${shell}`;

  asRoot('positive control: the installed hook file, the user\'s own, is sourced', async () => {
    const result = await loadAfter(shell, () => undefined);
    expect(result).toMatchObject({ loaded: true, messages: [] });
  }, 60_000);

  asRoot('a hook file another user planted (its directory made writable by others) is not run, and one line says why', async () => {
    const result = await loadAfter(shell, (_home, hookDir) => {
      chmodSync(hookDir, 0o777);
      plant(join(hookDir, hookName), NOBODY);
    });
    expect(result.stdout).not.toContain('PLANTED-CODE-RAN');
    expect(result.loaded).toBe(false);
    expect(result.messages).toEqual([expect.stringMatching(new RegExp(`^awscreds: hook not loaded: .*(${hookName} is not a file of yours|awscreds is writable by others)`))]);
  }, 60_000);

  asRoot('positive control: the same planted code in a file of the user\'s own runs', async () => {
    const result = await loadAfter(shell, (_home, hookDir) => plant(join(hookDir, hookName), 0));
    expect(result.stdout).toContain('PLANTED-CODE-RAN');
  }, 60_000);

  asRoot('XDG_DATA_HOME in a sticky shared directory, re-created by another user: their hook file is not run', async () => {
    const result = await loadAfter(shell, (home) => {
      const shared = join(home, 'shared-tmp');
      mkdirSync(shared, { mode: 0o1777 });
      chmodSync(shared, 0o1777);
      const xdg = join(shared, 'xdg');
      mkdirSync(join(xdg, 'awscreds'), { recursive: true });
      plant(join(xdg, 'awscreds', hookName), NOBODY);
      for (const dir of [xdg, join(xdg, 'awscreds')]) chownSync(dir, NOBODY, NOBODY);
      return { XDG_DATA_HOME: xdg };
    });
    expect(result.stdout).not.toContain('PLANTED-CODE-RAN');
    expect(result.loaded).toBe(false);
    expect(result.messages).toEqual([expect.stringContaining(`${hookName} is not a file of yours`)]);
  }, 60_000);

  asRoot('a relative XDG_DATA_HOME is refused at shell start: the hook file in the current directory is not run', async () => {
    const result = await loadAfter(shell, (home) => {
      mkdirSync(join(home, 'rel', 'awscreds'), { recursive: true });
      plant(join(home, 'rel', 'awscreds', hookName), 0); // even a file of the user's own
      return { XDG_DATA_HOME: 'rel' };
    });
    expect(result.stdout).not.toContain('PLANTED-CODE-RAN');
    expect(result.messages).toEqual([expect.stringContaining('rel/awscreds/' + hookName + ' is not an absolute path (XDG_DATA_HOME)')]);
  }, 60_000);

  asRoot('a symbolic link in place of the hook file is not followed, though its target is the user\'s', async () => {
    const result = await loadAfter(shell, (home, hookDir) => {
      plant(join(home, 'elsewhere'), 0);
      rmSync(join(hookDir, hookName));
      symlinkSync(join(home, 'elsewhere'), join(hookDir, hookName));
    });
    expect(result.stdout).not.toContain('PLANTED-CODE-RAN');
    expect(result.messages).toEqual([expect.stringContaining(`${hookName} is not a file of yours`)]);
  }, 60_000);

  asRoot('a directory under HOME on the way that belongs to another user: the hook is not loaded', async () => {
    const result = await loadAfter(shell, (home) => chownSync(join(home, '.local', 'share'), NOBODY, NOBODY));
    expect(result.loaded).toBe(false);
    expect(result.messages).toEqual([expect.stringContaining(`${join('.local', 'share')} is not yours (run: awscreds hook install)`)]);
  }, 60_000);

  // zsh reads mode bits with a builtin (zsh/stat); bash and fish have none, and say nothing
  // about group write (README, "Installing": install refuses it).
  (driver(shell).checksModeBitsAtStart ? asRoot : test.skip)('a group-writable directory on the way is refused at start; 0755 loads (control)', async () => {
    const refused = await loadAfter(shell, (home) => chmodSync(join(home, '.local'), 0o775));
    expect(refused.loaded).toBe(false);
    expect(refused.messages).toEqual([expect.stringContaining('.local is writable by others (run: chmod go-w')]);
    const control = await loadAfter(shell, (home) => chmodSync(join(home, '.local'), 0o755));
    expect(control.loaded).toBe(true);
  }, 60_000);
});

