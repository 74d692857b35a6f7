// What the botocore differential tests share: running botocoreResolve.py (the real botocore of
// Debian's AWS CLI v2) on a list of cases, the one view of a case that either side fills, and
// the comparison of two views. Used by botocoreDifferential.test.ts (hand-made cases) and
// botocoreGenerated.test.ts (generated files). No jest imports.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { loadProfile, type ResolvedProfile } from '../../src/config/loadProfile';
import type { IniValue } from '../../src/config/parseIni';
import { listProfiles, loadSharedConfig, resolveProfileName, type ReadFile, type SharedConfig } from '../../src/config/sharedConfig';
import { AwscredsError } from '../../src/runtime/AwscredsError';

export const PYTHON = '/usr/bin/python3'; // the interpreter of /usr/bin/aws, whose botocore we want
const RESOLVE = join(__dirname, 'botocoreResolve.py');
const PYTHON_ENV = { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8' };

/** A case: the environment (HOME, AWS_*) botocore and awscreds both read the files with. */
export interface Case {
  id: string;
  env: Record<string, string>;
}

// ---- One view of a case, filled by either side ----------------------------------------------

export type Credentials =
  | { kind: 'sso'; sso: Record<string, string> }
  | { kind: 'static'; access_key: string; secret_key: string; token: string | null }
  | { kind: 'role_arn' | 'credential_process' | 'no credentials' };

export interface ProfileView {
  keys: Record<string, unknown>;
  region: unknown;
  credentials: Credentials;
  /** The raw outcome, for messages: botocore's error class, awscreds' message. */
  detail?: string;
}

export type View =
  | { error: string; path?: string; message?: string }
  | { profiles: Record<string, ProfileView>; sso_sessions: Record<string, Record<string, unknown>>; selected: { name: string; found: boolean } };

const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
export const hide = (value: string): string => `sha256:${createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16)}`;

function shown(keys: Readonly<Record<string, IniValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(keys)) out[key] = typeof value === 'string' && SECRET_KEYS.has(key) ? hide(value) : typeof value === 'string' ? value : { ...value };
  return out;
}

export interface BotocoreResult {
  error?: string;
  path?: string;
  profiles?: Record<string, { keys: Record<string, unknown>; region: unknown; credentials: { kind: string; error?: string; message?: string; sso?: Record<string, string>; access_key?: string; secret_key?: string; token?: string | null } }>;
  sso_sessions?: Record<string, Record<string, unknown>>;
  selected?: { name: string | null; found: boolean };
}

export function botocoreView(result: BotocoreResult): View {
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

/** What awscreds makes of a case: loadSharedConfig, then loadProfile for every profile. */
export function awscredsView(env: Record<string, string>, { home, readFile }: { home: string; readFile?: ReadFile }): View {
  let shared: SharedConfig;
  try {
    shared = loadSharedConfig({ env, home: env.HOME ?? home, ...(readFile ? { readFile } : {}) });
  } catch (error) {
    if (error instanceof AwscredsError) return { error: error.reason, message: error.message };
    throw error;
  }
  const profiles: Record<string, ProfileView> = {};
  for (const name of listProfiles(shared)) {
    // botocore's full_config: the config file's profile, updated with the credentials file's section.
    const keys = { ...shown(shared.configProfiles.get(name)?.keys ?? {}), ...shown(shared.credentialsProfiles.get(name)?.keys ?? {}) };
    // botocore's `values.get('region') or None`: a nested block (never empty) is a region too.
    const region = (typeof keys.region === 'string' && keys.region !== '') || (keys.region !== undefined && typeof keys.region === 'object') ? keys.region : null;
    profiles[name] = { keys, region, ...awscredsCredentials(shared, name) };
  }
  const sso_sessions: Record<string, Record<string, unknown>> = {};
  for (const [name, section] of shared.ssoSessions) sso_sessions[name] = shown(section.keys);
  const name = resolveProfileName({ env });
  return { profiles, sso_sessions, selected: { name, found: shared.configProfiles.has(name) || shared.credentialsProfiles.has(name) } };
}

// ---- Comparison ------------------------------------------------------------------------------

export const json = (value: unknown): string => JSON.stringify(value, Object.keys(flatKeys(value)).sort());
function flatKeys(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (into[k] = true), flatKeys(v, into);
  return into;
}

/**
 * Every way the two views differ, as readable lines; empty when they agree. `skipCredentials`
 * says which profiles' credentials differ on purpose (their keys and region are still compared).
 */
export function differences(botocore: View, awscreds: View, skipCredentials: (name: string) => boolean = () => false): string[] {
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
    if (json(b.region) !== json(a.region)) out.push(`profile "${name}" region: botocore ${json(b.region)}, awscreds ${json(a.region)}`);
    if (!skipCredentials(name) && json(b.credentials) !== json(a.credentials)) {
      out.push(`profile "${name}" credentials: botocore ${json(b.credentials)} (${b.detail}), awscreds ${json(a.credentials)} (${a.detail})`);
    }
  }
  if (json(botocore.sso_sessions) !== json(awscreds.sso_sessions)) out.push(`sso-sessions: botocore ${json(botocore.sso_sessions)}, awscreds ${json(awscreds.sso_sessions)}`);
  if (json(botocore.selected) !== json(awscreds.selected)) out.push(`selected profile: botocore ${json(botocore.selected)}, awscreds ${json(awscreds.selected)}`);
  return out;
}

export const profileOf = (view: View, name: string): ProfileView | undefined => ('profiles' in view ? view.profiles[name] : undefined);

// ---- Running botocore --------------------------------------------------------------------------

/** botocoreResolve.py on every case in one python process (importing botocore is the slow part). */
export function runBotocore(cases: readonly Case[]): Record<string, BotocoreResult> {
  const run = spawnSync(PYTHON, [RESOLVE], { input: JSON.stringify(cases), encoding: 'utf8', env: PYTHON_ENV, maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`botocoreResolve.py failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, BotocoreResult>;
}

/**
 * One botocoreResolve.py process (`--serve`) that answers batch after batch: for shrinking a
 * failing case, where each candidate needs botocore's answer before the next is made.
 */
export class BotocoreServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly waiting: Array<(line: string) => void> = [];
  private stderr = '';

  constructor() {
    this.child = spawn(PYTHON, [RESOLVE, '--serve'], { env: PYTHON_ENV });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.waiting.shift()?.(line));
  }

  resolve(cases: readonly Case[]): Promise<Record<string, BotocoreResult>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`botocoreResolve.py --serve exited (${code}): ${this.stderr}`));
      this.child.once('exit', onExit);
      this.waiting.push((line) => {
        this.child.off('exit', onExit);
        resolve(JSON.parse(line) as Record<string, BotocoreResult>);
      });
      this.child.stdin.write(`${JSON.stringify(cases)}\n`);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
    });
  }
}
