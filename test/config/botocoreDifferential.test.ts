// Differential test: the real botocore (Debian's AWS CLI v2, run by botocoreResolve.py) and
// awscreds read the same files, and must agree profile by profile on the keys (names and
// non-secret values), the region, the SSO settings, the long-term keys and on refusing a file.
// Inputs: botocore's own configloader fixtures (fixtures/botocore/, each read as a config file
// and as a credentials file), our cases (fixtures/cases/*/config and credentials), and
// environment cases (empty, `$VAR` and `~` paths; empty AWS_PROFILE). Where awscreds differs on
// purpose, KNOWN_DIFFERENCES says why and pins the exact difference.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile, type ResolvedProfile } from '../../src/config/loadProfile';
import type { IniValue } from '../../src/config/parseIni';
import { listProfiles, loadSharedConfig, resolveProfileName, type SharedConfig } from '../../src/config/sharedConfig';
import { AwscredsError } from '../../src/runtime/AwscredsError';
import { DEBIAN_AWS_CLI, debianAwsCliAvailable } from '../helpers/awsCliDataPath';

const PYTHON = '/usr/bin/python3'; // the interpreter of /usr/bin/aws, whose botocore we want
const FIXTURES = join(__dirname, 'fixtures');
const NO_HOME = join(FIXTURES, 'no-such-home');
const HOME = join(FIXTURES, 'home');

interface Case {
  id: string;
  env: Record<string, string>;
}

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

// ---- One view of a case, filled by either side ----------------------------------------------

type Credentials =
  | { kind: 'sso'; sso: Record<string, string> }
  | { kind: 'static'; access_key: string; secret_key: string; token: string | null }
  | { kind: 'role_arn' | 'credential_process' | 'no credentials' };

interface ProfileView {
  keys: Record<string, unknown>;
  region: string | null;
  credentials: Credentials;
  /** The raw outcome, for messages: botocore's error class, awscreds' message. */
  detail?: string;
}

type View =
  | { error: string; path?: string; message?: string }
  | { profiles: Record<string, ProfileView>; sso_sessions: Record<string, Record<string, unknown>>; selected: { name: string; found: boolean } };

const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
const hide = (value: string): string => `sha256:${createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16)}`;

function shown(keys: Readonly<Record<string, IniValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(keys)) out[key] = typeof value === 'string' && SECRET_KEYS.has(key) ? hide(value) : typeof value === 'string' ? value : { ...value };
  return out;
}

interface BotocoreResult {
  error?: string;
  path?: string;
  profiles?: Record<string, { keys: Record<string, unknown>; region: string | null; credentials: { kind: string; error?: string; message?: string; sso?: Record<string, string>; access_key?: string; secret_key?: string; token?: string | null } }>;
  sso_sessions?: Record<string, Record<string, unknown>>;
  selected?: { name: string | null; found: boolean };
}

function botocoreView(result: BotocoreResult): View {
  if (result.error !== undefined) return { error: result.error, ...(result.path ? { path: result.path } : {}) };
  const profiles: Record<string, ProfileView> = {};
  for (const [name, p] of Object.entries(result.profiles ?? {})) {
    const c = p.credentials;
    let credentials: Credentials;
    if (c.kind === 'sso') credentials = { kind: 'sso', sso: c.sso ?? {} };
    else if (c.kind === 'static') credentials = { kind: 'static', access_key: c.access_key ?? '', secret_key: c.secret_key ?? '', token: c.token ?? null };
    else if (c.kind === 'role_arn' || c.kind === 'credential_process') credentials = { kind: c.kind };
    else credentials = { kind: 'no credentials' };
    profiles[name] = { keys: p.keys, region: p.region, credentials, detail: c.kind === 'error' ? `${c.error}: ${c.message}` : c.kind };
  }
  // No AWS_PROFILE: botocore's credential chain uses "default" (get_scoped_config then
  // returns that profile, or nothing, without an error).
  const selected = result.selected ?? { name: null, found: false };
  const unnamed = selected.name === null || selected.name === undefined;
  return { profiles, sso_sessions: result.sso_sessions ?? {}, selected: unnamed ? { name: 'default', found: 'default' in profiles } : { name: selected.name ?? '', found: selected.found } };
}

function awscredsCredentials(shared: SharedConfig, name: string): { credentials: Credentials; detail: string } {
  let profile: ResolvedProfile;
  try {
    profile = loadProfile(shared, name);
  } catch (error) {
    if (!(error instanceof AwscredsError)) throw error;
    // awscreds refuses, by name, the kinds it does not support yet.
    const kind = /through role_arn/.test(error.message) ? 'role_arn' : /through credential_process/.test(error.message) ? 'credential_process' : 'no credentials';
    return { credentials: { kind }, detail: `${error.reason}: ${error.message}` };
  }
  if (profile.kind === 'sso') {
    const { startUrl, ssoRegion, accountId, roleName, sessionName } = profile.sso;
    const sso: Record<string, string> = { sso_start_url: startUrl, sso_region: ssoRegion, sso_account_id: accountId, sso_role_name: roleName };
    if (sessionName !== undefined) sso.sso_session = sessionName;
    return { credentials: { kind: 'sso', sso }, detail: 'sso' };
  }
  if (profile.kind === 'static') {
    return { credentials: { kind: 'static', access_key: profile.accessKeyId, secret_key: hide(profile.secretAccessKey), token: profile.sessionToken ? hide(profile.sessionToken) : null }, detail: 'static' };
  }
  // Kinds added later (assume-role, credential_process) compare with botocore's by name.
  const kind: string = (profile as { kind: string }).kind;
  return { credentials: { kind: /role/.test(kind) ? 'role_arn' : /process/.test(kind) ? 'credential_process' : 'no credentials' }, detail: kind };
}

function awscredsView(env: Record<string, string>): View {
  let shared: SharedConfig;
  try {
    shared = loadSharedConfig({ env, home: env.HOME ?? NO_HOME });
  } catch (error) {
    if (error instanceof AwscredsError) return { error: error.reason, message: error.message };
    throw error;
  }
  const profiles: Record<string, ProfileView> = {};
  for (const name of listProfiles(shared)) {
    // botocore's full_config: the config file's profile, updated with the credentials file's section.
    const keys = { ...shown(shared.configProfiles.get(name)?.keys ?? {}), ...shown(shared.credentialsProfiles.get(name)?.keys ?? {}) };
    const region = typeof keys.region === 'string' && keys.region !== '' ? keys.region : null;
    profiles[name] = { keys, region, ...awscredsCredentials(shared, name) };
  }
  const sso_sessions: Record<string, Record<string, unknown>> = {};
  for (const [name, section] of shared.ssoSessions) sso_sessions[name] = shown(section.keys);
  const name = resolveProfileName({ env });
  return { profiles, sso_sessions, selected: { name, found: shared.configProfiles.has(name) || shared.credentialsProfiles.has(name) } };
}

// ---- Comparison ------------------------------------------------------------------------------

const json = (value: unknown): string => JSON.stringify(value, Object.keys(flatKeys(value)).sort());
function flatKeys(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (into[k] = true), flatKeys(v, into);
  return into;
}

/** Every way the two views differ, as readable lines; empty when they agree. */
function differences(botocore: View, awscreds: View, skipProfiles: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  if ('error' in botocore || 'error' in awscreds) {
    if (!('error' in botocore)) return [`awscreds refuses the files (${JSON.stringify(awscreds)}), botocore reads them`];
    if (!('error' in awscreds)) return [`botocore refuses ${botocore.path} (${botocore.error}), awscreds reads it`];
    if (botocore.path && !awscreds.message?.startsWith(botocore.path)) out.push(`botocore refuses ${botocore.path}, awscreds another file: ${awscreds.message}`);
    return out;
  }
  const names = (v: typeof botocore): string[] => Object.keys(v.profiles).sort();
  if (json(names(botocore)) !== json(names(awscreds))) out.push(`profiles: botocore ${json(names(botocore))}, awscreds ${json(names(awscreds))}`);
  for (const name of names(botocore)) {
    const b = botocore.profiles[name];
    const a = awscreds.profiles[name];
    if (!b || !a) continue;
    if (json(b.keys) !== json(a.keys)) out.push(`profile "${name}" keys: botocore ${json(b.keys)}, awscreds ${json(a.keys)}`);
    if (b.region !== a.region) out.push(`profile "${name}" region: botocore ${json(b.region)}, awscreds ${json(a.region)}`);
    if (!skipProfiles.has(name) && json(b.credentials) !== json(a.credentials)) {
      out.push(`profile "${name}" credentials: botocore ${json(b.credentials)} (${b.detail}), awscreds ${json(a.credentials)} (${a.detail})`);
    }
  }
  if (json(botocore.sso_sessions) !== json(awscreds.sso_sessions)) out.push(`sso-sessions: botocore ${json(botocore.sso_sessions)}, awscreds ${json(awscreds.sso_sessions)}`);
  if (json(botocore.selected) !== json(awscreds.selected)) out.push(`selected profile: botocore ${json(botocore.selected)}, awscreds ${json(awscreds.selected)}`);
  return out;
}

interface KnownDifference {
  why: string;
  /** Profiles whose credentials differ on purpose (everything else is still compared). */
  profiles?: string[];
  /** Pins the difference: fails when it changes, so this table cannot go stale. */
  check: (botocore: View, awscreds: View) => void;
}

const profileOf = (view: View, name: string): ProfileView | undefined => ('profiles' in view ? view.profiles[name] : undefined);

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
  'env: a directory as AWS_CONFIG_FILE': {
    why: 'botocore skips a path that is not a regular file; awscreds says it cannot read it (a FILESYSTEM error)',
    check: (botocore, awscreds) => {
      expect('profiles' in botocore && Object.keys(botocore.profiles)).toEqual(['default', 'creds-only']);
      expect(awscreds).toMatchObject({ error: 'FILESYSTEM', message: expect.stringContaining('it is a directory') });
    },
  },
};

// ---- The test --------------------------------------------------------------------------------

const available = debianAwsCliAvailable() && existsSync(PYTHON);
const describeWithBotocore = available ? describe : describe.skip;
if (!available) {
  // Visible in the run's output, not only as a skipped count.
  process.stderr.write(`botocoreDifferential: skipped, ${DEBIAN_AWS_CLI} (Debian's awscli package) is not installed\n`);
}

describeWithBotocore('botocore and awscreds read the same files the same way', () => {
  const all = cases();
  let results: Record<string, BotocoreResult> = {};

  beforeAll(() => {
    // One python process for every case: importing botocore is the slow part.
    const run = spawnSync(PYTHON, [join(__dirname, 'botocoreResolve.py')], {
      input: JSON.stringify(all),
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`botocoreResolve.py failed (${run.status}): ${run.stderr}`);
    results = JSON.parse(run.stdout) as Record<string, BotocoreResult>;
  });

  it.each(all.map((c) => [c.id, c] as const))('%s', (id, { env }) => {
    const result = results[id];
    expect(result).toBeDefined();
    const botocore = botocoreView(result ?? {});
    const awscreds = awscredsView(env);
    const known = KNOWN_DIFFERENCES[id];
    if (known) {
      known.check(botocore, awscreds);
      if ('error' in botocore || 'error' in awscreds) return;
    }
    expect(differences(botocore, awscreds, new Set(known?.profiles))).toEqual([]);
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
    const a = awscredsView(sample?.env ?? {});
    expect('profiles' in a).toBe(true);
    if ('profiles' in a && a.profiles.inherits) {
      const tampered: View = { ...a, profiles: { ...a.profiles, inherits: { ...a.profiles.inherits, region: 'us-east-1', keys: { ...a.profiles.inherits.keys, output: undefined } } } };
      expect(differences(b, tampered, new Set(['partial']))).toHaveLength(2);
    }
    expect(differences({ error: 'ConfigParseError', path: '/a/config' }, { error: 'CONFIG', message: '/a/credentials:3: …' })).toHaveLength(1);
  });
});
