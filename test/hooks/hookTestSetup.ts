import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHookAsset } from '../../src/hooks/hookFile';
import { renderHookScript } from '../../src/hooks/hookScript';
import { shellByName } from '../../src/shells/registry';
import type { ShellName } from '../../src/shells/Shell';
import type { AwscredsOnPath } from './awscredsOnPath';
import { driver } from '../helpers/shellDriver';

export { SHELLS } from '../helpers/shellDriver';

/**
 * Writes the hook as this repository's shell/ holds it (its files, readHookAsset) to `file`,
 * after the generated definitions unless `definitions` is false (then it says every state
 * generically), as a script runs it (ShellDriver.hookAsScript: nu's classifier and, unless
 * `nuGuards` is false, its default guards follow as code); returns `file`, to source.
 */
export function writeHookScript(shell: ShellName, file: string, definitions = true, nuGuards = true): string {
  const sh = shellByName(shell);
  const asset = readHookAsset(sh, join(__dirname, '..', '..'));
  const text = definitions ? renderHookScript(sh, asset) : asset;
  writeFileSync(file, driver(shell).hookAsScript(text, nuGuards));
  return file;
}

/** Every variable a row of the table may set; each row starts from none of them. */
export const STATE_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWSCREDS_PROFILE',
  'AWSCREDS_KEY_ID',
  'AWSCREDS_EXPIRES_AT',
  'AWSCREDS_TOKEN_FP',
  'AWSCREDS_WARN_MINUTES',
  'AWS_CREDENTIAL_EXPIRATION',
] as const;

/**
 * A temporary HOME as a user would have it: an rc file with a quiet prompt, then the block
 * `awscreds hook install` adds, run through the built CLI. Also a directory of stand-in
 * consumers (aws, terraform) that print which AWS_* variables they received.
 */
export function prepareHome(shell: ShellName, built: AwscredsOnPath, userRc = ''): { home: string; env: Record<string, string> } {
  // Inside the temporary package, which each test file removes when it ends.
  const home = mkdtempSync(join(built.workDir, `home-${shell}-`));
  const fakeBin = join(home, 'fakebin');
  mkdirSync(fakeBin);
  for (const name of ['aws', 'terraform']) {
    const script = join(fakeBin, name);
    writeFileSync(
      script,
      `#!/bin/sh\nprintf '${name} saw: key=%s secret=%s token=%s\\n' "\${AWS_ACCESS_KEY_ID:-unset}" "\${AWS_SECRET_ACCESS_KEY:+set}" "\${AWS_SESSION_TOKEN:-unset}"\n`,
    );
    chmodSync(script, 0o755);
  }
  const rc = { file: join(home, driver(shell).userRcFile), quiet: driver(shell).promptRc(driver(shell).promptNeedsTerminal ? '> ' : '') };
  mkdirSync(join(rc.file, '..'), { recursive: true });
  writeFileSync(rc.file, `${rc.quiet}${userRc}`);
  // The harness types each step and its sentinel in one write, a paste of two lines: the
  // paste grace would hold every message back. test/hooks/paste.test.ts runs with the grace on.
  const env: Record<string, string> = { PATH: `${fakeBin}:${built.binDir}:/usr/local/bin:/usr/bin:/bin`, AWSCREDS_PASTE_GRACE: '0' };
  execFileSync(join(built.binDir, 'awscreds'), ['hook', 'install', '--shell', shell], { env: { ...env, HOME: home }, stdio: 'pipe' });
  return { home, env };
}

/** One line that clears every state variable, then exports the given ones. */
export function setVariablesLine(shell: ShellName, variables: Readonly<Record<string, string>>): string {
  const sh = driver(shell);
  return [sh.unset(STATE_VARIABLES), ...Object.entries(variables).map(([name, value]) => sh.setExported(name, value))].join('; ');
}

/** A line printing what the hook computed at the last prompt, in a form the echo cannot match. */
export function probeLine(label: string): string {
  return `printf 'R:%s:%s:%s:%s\\n' ${label} "$_awscreds_state" "$_awscreds_minutes" "$AWSCREDS_PROMPT"`;
}

export function parseProbe(stdout: string, label: string): { state: string; minutes: string; prompt: string } {
  const match = new RegExp(`^R:${label}:([a-z_]*):([0-9]*):(.*)$`, 'm').exec(stdout);
  if (!match) throw new Error(`no probe output for ${label} in:\n${stdout}`);
  return { state: match[1] ?? '', minutes: match[2] ?? '', prompt: match[3] ?? '' };
}
