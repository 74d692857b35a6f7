import { driver } from '../helpers/shellDriver';
import { SHELL_NAMES } from '../../src/shells/Shell';
import { credentialSetToEnvChanges } from '../../src/credentials/envChanges';
import type { CredentialSet } from '../../src/credentials/CredentialSet';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import type { ShellName } from '../../src/shells/Shell';
import { shellByName } from '../../src/shells/registry';
import { runShellScript } from '../helpers/runShellScript';
import { shellsUnderTest } from '../hooks/shellsUnderTest';

const WATCHED = [
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWSCREDS_PROFILE', 'AWSCREDS_KEY_ID', 'AWSCREDS_EXPIRES_AT', 'AWSCREDS_TOKEN_FP',
];

// A stale set from an earlier export, the situation the block must clean up.
const STALE: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'ASIAOLDOLDOLDOLDOLD1',
  AWS_SECRET_ACCESS_KEY: 'oldsecret',
  AWS_SESSION_TOKEN: 'stale-token',
  AWS_SECURITY_TOKEN: 'stale-legacy-token',
  AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
  AWSCREDS_EXPIRES_AT: '1577836800',
  AWSCREDS_TOKEN_FP: '11:ale-token',
};

const temporary: CredentialSet = {
  kind: 'temporary',
  accessKeyId: 'ASIAQWERTYUIOPASDFGH',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: `IQoJb3JpZ2luX2VjE${'A1b2C3d4/+'.repeat(40)}==`,
  expiration: new Date('2031-05-06T07:08:09Z'),
  profileName: "space dir $test 'q' é",
  region: 'eu-west-1',
};
const longTerm: CredentialSet = {
  kind: 'long-term',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  profileName: 'static',
};

function expectedDump(env: Record<string, string>): string {
  return WATCHED.map((n) => (n in env ? `${n}=${env[n]}\n` : `${n} unset\n`)).join('');
}

function applied(set: CredentialSet): Record<string, string> {
  const env: Record<string, string> = { ...STALE };
  const changes = credentialSetToEnvChanges(set);
  for (const n of changes.unset) delete env[n];
  for (const [n, v] of changes.set) env[n] = v;
  return env;
}

// The shape of each shell's block: after the guard line (fish, nu) or inside the braces (bash,
// zsh) that the wrong shell cannot parse.
const SHAPE: Readonly<Record<ShellName, RegExp>> = {
  bash: /^\{\n {2}: "\$\{0\+[^\n]*\n[^]*\n\}\n$/,
  zsh: /^\{\n {2}: "\$\{0\+[^\n]*\n[^]*\n\}\n$/,
  fish: /^begin; true \(true\); end #[^\n]*\nbegin\n[^]*\nend\n$/,
  nu: /^begin; true \(true\) "\$\{0\}"; end #[^\n]*\n\{[^\n]*\}\n$/,
};

describe.each(shellsUnderTest(SHELL_NAMES))('export block in %s', (_label, shellName, binary) => {
  const shell = shellByName(shellName);
  const sh = driver(shellName);

  it.each([['temporary', temporary], ['long-term', longTerm]] as const)('applies a %s set and clears every stale variable', (_kind, set) => {
    const block = shell.renderChanges(credentialSetToEnvChanges(set));
    const result = runShellScript(shellName, `${sh.defineDump(WATCHED)}\n${sh.loadVariable('BLOCK')}\ndump`, { ...STALE, BLOCK: block }, undefined, 60_000, binary);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(expectedDump(applied(set)));
  });

  it('exports the documented variables of a temporary set', () => {
    const env = applied(temporary);
    expect(env).toEqual({
      AWS_ACCESS_KEY_ID: temporary.accessKeyId,
      AWS_SECRET_ACCESS_KEY: temporary.secretAccessKey,
      AWS_SESSION_TOKEN: temporary.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: '2031-05-06T07:08:09Z',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWSCREDS_PROFILE: temporary.profileName,
      AWSCREDS_KEY_ID: temporary.accessKeyId,
      AWSCREDS_EXPIRES_AT: String(Date.parse('2031-05-06T07:08:09Z') / 1000),
      AWSCREDS_TOKEN_FP: tokenFingerprint(temporary.sessionToken as string),
    });
  });

  it('is one compound command of ASCII with LF line endings', () => {
    const block = shell.renderChanges(credentialSetToEnvChanges(temporary));
    expect(block).toMatch(/^[\x20-\x7e\n]+$/);
    expect(block).toMatch(SHAPE[shellName]);
  });

  it('applies all of the set or none of it when cut short at any byte', () => {
    const block = shell.renderChanges(credentialSetToEnvChanges(temporary));
    const full = expectedDump(applied(temporary));
    const untouched = expectedDump(STALE);
    // One shell process tries every prefix and prints the dump after each (the driver's loop).
    const script = `${sh.defineDump(WATCHED)}\n${sh.everyPrefix('BLOCK')}`;
    const result = runShellScript(shellName, script, { ...STALE, BLOCK: block }, undefined, 60_000, binary);
    expect(result.timedOut).toBe(false);
    expect(result.status).toBe(0);
    const dumps = result.stdout.split('---\n').slice(0, -1);
    expect(dumps).toHaveLength(block.length);
    const outcomes = dumps.map((d) => (d === full ? 'all' : d === untouched ? 'none' : 'partial'));
    expect(outcomes.filter((o) => o === 'partial')).toEqual([]);
    // Positive controls: the empty prefix leaves the stale set, the whole block applies.
    expect(outcomes[0]).toBe('none');
    expect(outcomes.slice(0, block.length - 4)).not.toContain('all');
    expect(outcomes[outcomes.length - 1]).toBe('all'); // all but the final newline
    const whole = runShellScript(shellName, `${sh.defineDump(WATCHED)}\n${sh.loadVariable('BLOCK')}\ndump`, { ...STALE, BLOCK: block }, undefined, 60_000, binary);
    expect(whole.stdout).toBe(full);
  }, 90_000);
});
