import { credentialSetToEnvChanges } from '../../src/credentials/envChanges';
import type { CredentialSet } from '../../src/credentials/CredentialSet';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import { SHELL_NAMES, type ShellName } from '../../src/shells/Shell';
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

/**
 * Defines `dump`, which prints `NAME=value` (exported: what the shell's children see),
 * `NAME unexported=value` (set in the shell only) or `NAME unset` for each watched variable.
 * Builtins only: no process per variable.
 */
function dumpFunction(shell: ShellName): string {
  const names = WATCHED.join(' ');
  if (shell === 'fish') {
    return `function dump
  for n in ${names}
    if set -qx $n
      printf '%s=%s\\n' $n "$$n"
    else if set -q $n
      printf '%s unexported=%s\\n' $n "$$n"
    else
      printf '%s unset\\n' $n
    end
  end
end`;
  }
  if (shell === 'zsh') {
    return `dump() {
  local n
  for n in ${names}; do
    if (( \${+parameters[$n]} )); then
      if [[ \${(tP)n} == *export* ]]; then print -r -- "$n=\${(P)n}"; else print -r -- "$n unexported=\${(P)n}"; fi
    else
      print -r -- "$n unset"
    fi
  done
}`;
  }
  // ${!n@a} from bash 4.4; older bash lists its exported variables with `export -p`.
  return `dump() {
  local n exported=''
  if (( BASH_VERSINFO[0] < 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4) )); then exported=$(export -p); fi
  for n in ${names}; do
    if [[ -n \${!n+x} ]]; then
      if [[ -n $exported && $'\\n'$exported == *$'\\n'"declare -x $n="* ]] || [[ -z $exported && \${!n@a} == *x* ]]; then printf '%s=%s\\n' "$n" "\${!n}"; else printf '%s unexported=%s\\n' "$n" "\${!n}"; fi
    else
      printf '%s unset\\n' "$n"
    fi
  done
}`;
}

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

function evalCommand(shell: ShellName, variable: string): string {
  return shell === 'fish' ? `printf '%s' "$${variable}" | source` : `eval "$${variable}"`;
}

describe.each(shellsUnderTest(SHELL_NAMES))('export block in %s', (_label, shellName, binary) => {
  const shell = shellByName(shellName);

  it.each([['temporary', temporary], ['long-term', longTerm]] as const)('applies a %s set and clears every stale variable', (_kind, set) => {
    const block = shell.renderChanges(credentialSetToEnvChanges(set));
    const result = runShellScript(shellName, `${dumpFunction(shellName)}\n${evalCommand(shellName, 'BLOCK')}\ndump`, { ...STALE, BLOCK: block }, undefined, 60_000, binary);
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
    // After the guard line (fish) or inside the braces (bash, zsh) that the wrong shell cannot parse.
    expect(block).toMatch(shellName === 'fish' ? /^begin; true \(true\); end #[^\n]*\nbegin\n[^]*\nend\n$/ : /^\{\n {2}: "\$\{0\+[^\n]*\n[^]*\n\}\n$/);
  });

  it('applies all of the set or none of it when cut short at any byte', () => {
    const block = shell.renderChanges(credentialSetToEnvChanges(temporary));
    const full = expectedDump(applied(temporary));
    const untouched = expectedDump(STALE);
    // One shell process tries every prefix and prints the dump after each. bash and zsh
    // evaluate each prefix in a subshell (one fork per prefix, nothing else); fish has no
    // subshells, so it sources the prefix in place and then restores the stale set.
    const script =
      shellName === 'fish'
        ? `${dumpFunction('fish')}
for n in ${WATCHED.join(' ')}
  if set -q $n; set -g _saved_$n $$n; end
end
function restore
  for n in ${WATCHED.join(' ')}
    set -eg $n
    set -l saved _saved_$n
    if set -q $saved; set -gx $n $$saved; end
  end
end
set -l length (string length -- "$BLOCK")
for i in (seq 0 (math $length - 1))
  set -l prefix (string sub -l $i -- "$BLOCK" | string collect -N)
  printf '%s' "$prefix" | source 2>/dev/null
  dump
  restore
  echo ---
end`
        : `${dumpFunction(shellName)}
for ((i = 0; i < \${#BLOCK}; i++)); do
  ( eval "${shellName === 'zsh' ? '${BLOCK[1,i]}' : '${BLOCK:0:i}'}" 2>/dev/null; dump )
  echo ---
done`;
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
    const whole = runShellScript(shellName, `${dumpFunction(shellName)}\n${evalCommand(shellName, 'BLOCK')}\ndump`, { ...STALE, BLOCK: block }, undefined, 60_000, binary);
    expect(whole.stdout).toBe(full);
  }, 90_000);
});
