// Differential test: the real botocore (Debian's AWS CLI v2, run by botocoreResolve.py) and
// awscreds read the same files, and must agree profile by profile on the keys (names and
// non-secret values), the region, the SSO settings, the long-term keys and on refusing a file.
// Inputs: botocore's own configloader fixtures (fixtures/botocore/, each read as a config file
// and as a credentials file), our cases (fixtures/cases/*/config and credentials), and
// environment cases (empty, `$VAR` and `~` paths; empty AWS_PROFILE). Where awscreds differs on
// purpose, KNOWN_DIFFERENCES says why and pins the exact difference.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { awscredsView, botocoreView, differences, profileOf, runBotocore, type BotocoreResult, type Case, type View } from './botocoreCompare';
import { NEEDS, needing } from '../helpers/needs';

const FIXTURES = join(__dirname, 'fixtures');
const NO_HOME = join(FIXTURES, 'no-such-home');
const HOME = join(FIXTURES, 'home');

function cases(): Case[] {
  const all: Case[] = [];
  const botocoreDir = join(FIXTURES, 'botocore');
  for (const name of readdirSync(botocoreDir).filter((f) => f !== 'README.md').sort()) {
    const file = join(botocoreDir, name);
    all.push({ id: `botocore/${name} as config`, env: { HOME: NO_HOME, AWS_CONFIG_FILE: file, AWS_SHARED_CREDENTIALS_FILE: '' } });
    all.push({ id: `botocore/${name} as credentials`, env: { HOME: NO_HOME, AWS_CONFIG_FILE: '', AWS_SHARED_CREDENTIALS_FILE: file } });
  }
  const casesDir = join(FIXTURES, 'cases');
  for (const name of readdirSync(casesDir).sort()) {
    // A file the case does not have is a path that does not exist: botocore skips it.
    all.push({ id: `cases/${name}`, env: { HOME: NO_HOME, AWS_CONFIG_FILE: join(casesDir, name, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(casesDir, name, 'credentials') } });
  }
  const oddHeaders = join(casesDir, 'odd-headers', 'config');
  const env: Array<[string, Record<string, string>]> = [
    ['~/.aws under HOME', {}],
    ['empty AWS_CONFIG_FILE', { AWS_CONFIG_FILE: '' }],
    ['empty AWS_SHARED_CREDENTIALS_FILE', { AWS_SHARED_CREDENTIALS_FILE: '' }],
    ['$HOME and ${VAR} in the paths', { AWS_DIR: join(HOME, '.aws'), AWS_CONFIG_FILE: '$HOME/.aws/config', AWS_SHARED_CREDENTIALS_FILE: '${AWS_DIR}/credentials' }],
    ['~ in the paths', { AWS_CONFIG_FILE: '~/.aws/config', AWS_SHARED_CREDENTIALS_FILE: '~/.aws/nope' }],
    ['a variable that expands to ~', { AWS_DIR: '~/.aws', AWS_CONFIG_FILE: '$AWS_DIR/config' }],
    ['an unset variable stays as written', { AWS_CONFIG_FILE: '$AWS_UNSET_DIR/config', AWS_SHARED_CREDENTIALS_FILE: '${AWS_UNSET_DIR}/credentials' }],
    ['AWS_PROFILE', { AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'creds-only' }],
    ['AWS_DEFAULT_PROFILE', { AWS_DEFAULT_PROFILE: 'creds-only' }],
    ['empty AWS_PROFILE', { AWS_PROFILE: '' }],
    ['empty AWS_PROFILE beside AWS_DEFAULT_PROFILE', { AWS_PROFILE: '', AWS_DEFAULT_PROFILE: 'dev' }],
    ['empty AWS_DEFAULT_PROFILE', { AWS_DEFAULT_PROFILE: '' }],
    ['empty AWS_PROFILE and a [profile ""]', { AWS_PROFILE: '', AWS_CONFIG_FILE: oddHeaders }],
    ['a directory as AWS_CONFIG_FILE', { AWS_CONFIG_FILE: join(HOME, '.aws') }],
  ];
  for (const [label, vars] of env) all.push({ id: `env: ${label}`, env: { HOME, ...vars } });
  return all;
}

// ---- Differences on purpose ----------------------------------------------------------------

interface KnownDifference {
  why: string;
  /** Profiles whose credentials differ on purpose (everything else is still compared). */
  profiles?: string[];
  /** Pins the difference: fails when it changes, so this table cannot go stale. */
  check: (botocore: View, awscreds: View) => void;
}

const KNOWN_DIFFERENCES: Record<string, KnownDifference> = {
  'cases/bom': {
    why: 'Python reads a UTF-8 byte order mark as a character, so botocore refuses the whole file; awscreds skips it (Windows editors write one)',
    check: (botocore, awscreds) => {
      expect(botocore).toMatchObject({ error: 'ConfigParseError' });
      expect(profileOf(awscreds, 'default')?.credentials).toMatchObject({ kind: 'static' });
    },
  },
  'cases/wrapped-token': {
    why: 'botocore reads the rest of a wrapped token as a key and uses the token cut short; awscreds refuses that one profile',
    profiles: ['wrapped'],
    check: (botocore, awscreds) => {
      expect(profileOf(botocore, 'wrapped')?.credentials).toMatchObject({ kind: 'static' });
      expect(profileOf(awscreds, 'wrapped')?.detail).toMatch(/wrapped onto a new line/);
    },
  },
  'cases/odd-keys': {
    why: 'the same rule as for a wrapped token: a key with "/" or "+" beside access keys makes awscreds refuse that profile (botocore ignores the key); such keys elsewhere are read as botocore reads them',
    profiles: ['slashes'],
    check: (botocore, awscreds) => {
      expect(profileOf(botocore, 'slashes')?.credentials).toMatchObject({ kind: 'static' });
      expect(profileOf(awscreds, 'slashes')?.detail).toMatch(/wrapped onto a new line/);
    },
  },
  'cases/default-section': {
    why: 'botocore passes an empty aws_access_key_id on (AWS then refuses the request); awscreds names the empty key',
    profiles: ['partial'],
    check: (botocore, awscreds) => {
      expect(profileOf(botocore, 'partial')?.credentials).toMatchObject({ kind: 'static', access_key: '' });
      expect(profileOf(awscreds, 'partial')?.detail).toMatch(/aws_access_key_id is empty/);
    },
  },
  'cases/secret-only-credentials': {
    why: 'a credentials-file section with a secret but no key id: botocore skips it and uses the config file\'s keys; awscreds refuses the half-written pair (found by botocoreGenerated.test.ts)',
    profiles: ['default'],
    check: (botocore, awscreds) => {
      expect(profileOf(botocore, 'default')?.credentials).toMatchObject({ kind: 'static', access_key: 'AKIAIOSFODNN7EXAMPLE' });
      expect(profileOf(awscreds, 'default')?.detail).toMatch(/incomplete access keys in \[default\] of \S*credentials: aws_access_key_id is missing/);
    },
  },
  'env: a directory as AWS_CONFIG_FILE': {
    why: 'botocore skips a path that is not a regular file; awscreds says it cannot read it (a FILESYSTEM error)',
    check: (botocore, awscreds) => {
      expect('profiles' in botocore && Object.keys(botocore.profiles)).toEqual(['default', 'creds-only']);
      expect(awscreds).toMatchObject({ error: 'FILESYSTEM', message: expect.stringContaining('it is a directory') });
    },
  },
};

// ---- The test --------------------------------------------------------------------------------

const withBotocore = needing('botocoreDifferential', NEEDS.botocore);

withBotocore.describe('botocore and awscreds read the same files the same way', () => {
  const all = cases();
  let results: Record<string, BotocoreResult> = {};

  beforeAll(() => {
    results = runBotocore(all);
  });

  it.each(all.map((c) => [c.id, c] as const))('%s', (id, { env }) => {
    const result = results[id];
    expect(result).toBeDefined();
    const botocore = botocoreView(result ?? {});
    const awscreds = awscredsView(env, { home: NO_HOME });
    const known = KNOWN_DIFFERENCES[id];
    if (known) {
      known.check(botocore, awscreds);
      if ('error' in botocore || 'error' in awscreds) return;
    }
    expect(differences(botocore, awscreds, (name) => known?.profiles?.includes(name) ?? false)).toEqual([]);
  });

  it('covers every fixture and a fair number of profiles, and reports a difference when there is one', () => {
    const ids = Object.keys(results);
    expect(ids.sort()).toEqual(all.map((c) => c.id).sort());
    const views = all.map((c) => botocoreView(results[c.id] ?? {}));
    const profiles = views.reduce((n, v) => n + ('profiles' in v ? Object.keys(v.profiles).length : 0), 0);
    const refused = views.filter((v) => 'error' in v).length;
    process.stderr.write(`botocoreDifferential: ${all.length} cases, ${profiles} profiles compared, ${refused} files refused by both\n`);
    expect(profiles).toBeGreaterThan(80);
    expect(refused).toBeGreaterThan(5);
    // Positive control: the comparison notices a changed region, a lost key and a changed error file.
    const sample = all.find((c) => c.id === 'cases/default-section');
    const b = botocoreView(results['cases/default-section'] ?? {});
    const a = awscredsView(sample?.env ?? {}, { home: NO_HOME });
    expect('profiles' in a).toBe(true);
    if ('profiles' in a && a.profiles.inherits) {
      const tampered: View = { ...a, profiles: { ...a.profiles, inherits: { ...a.profiles.inherits, region: 'us-east-1', keys: { ...a.profiles.inherits.keys, output: undefined } } } };
      expect(differences(b, tampered, (name) => name === 'partial')).toHaveLength(2);
    }
    expect(differences({ error: 'ConfigParseError', path: '/a/config' }, { error: 'CONFIG', message: '/a/credentials:3: …' })).toHaveLength(1);
  });
});
