import { join } from 'node:path';
import { AwscredsError } from '../runtime/AwscredsError';
import { MAX_CONFIG_FILE_BYTES, describeReadError, readRegularFile } from '../runtime/files';
import type { Env } from '../runtime/Runtime';
import { parseScopes } from './configValues';
import { indexIni, type IniIndex } from './iniIndex';
import { LazyMap } from './lazyMap';
import { parseIni, type IniSection, type IniSections, type IniValue } from './parseIni';
import { shellSplit } from './shellSplit';


export interface ConfigFilePaths {
  configFile: string;
  credentialsFile: string;
}

/**
 * Where the AWS CLI looks for its two files. An empty variable counts as unset (as in the JS
 * SDK): `AWS_CONFIG_FILE= cmd` means "the default", not "no file".
 */
export function configFilePaths({ env, home }: { env: Env; home: string }): ConfigFilePaths {
  return {
    configFile: expandHome(env.AWS_CONFIG_FILE || join(home, '.aws', 'config'), home),
    credentialsFile: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'), home),
  };
}

// Shells do not expand `~` inside quotes, so `AWS_CONFIG_FILE="~/x"` reaches us unexpanded.
function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/** Reads a whole file as bytes; injectable so tests can simulate unreadable files (root ignores modes). */
export type ReadFile = (path: string) => Uint8Array;

/** A regular file only, never blocking (a FIFO at ~/.aws/config must not hang a shell's prompt). */
const readConfigBytes: ReadFile = (path) => readRegularFile(path, MAX_CONFIG_FILE_BYTES);

/**
 * Reads and parses one of the AWS CLI's files. A file that does not exist is `undefined`, not
 * an error: the profile may live in the other file. One that exists but cannot be read is a
 * FILESYSTEM error; one that is not UTF-8 is a CONFIG error, as the AWS CLI refuses it too.
 */
export function readConfigFile(path: string, readFile: ReadFile = readConfigBytes): IniSections | undefined {
  const text = readConfigText(path, readFile);
  return text === undefined ? undefined : parseIni(text, path);
}

/** readConfigFile, with the sections built only when asked for (iniIndex.ts): what exports use. */
export function readConfigIndex(path: string, readFile: ReadFile = readConfigBytes): IniIndex | undefined {
  const text = readConfigText(path, readFile);
  return text === undefined ? undefined : indexIni(text, path);
}

function readConfigText(path: string, readFile: ReadFile): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    const why = describeReadError(error);
    throw new AwscredsError('FILESYSTEM', `cannot read ${path}: ${why}`, `make ${path} a readable file (check it with: ls -ld ${path}), or remove it`);
  }
  try {
    // ignoreBOM keeps a BOM in the text, where parseIni drops it: one place handles it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AwscredsError('CONFIG', `${path} is not valid UTF-8 text`, `save ${path} as UTF-8 (the AWS CLI cannot read it either)`);
  }
}

/** One section of one file, ready for lookups. */
export interface ConfigSection {
  file: string;
  /** The section name as written between the brackets, for messages: `profile dev`. */
  header: string;
  /** Keys lower-cased, as the AWS CLI reads them; values as written. */
  keys: Readonly<Record<string, IniValue>>;
  /** Lower-cased key → the key as written, for messages. */
  spelling: Readonly<Record<string, string>>;
}

export interface SharedConfig {
  paths: ConfigFilePaths;
  configFileExists: boolean;
  credentialsFileExists: boolean;
  /** `[default]`, `[profile default]` and `[profile NAME]` of the config file, by profile name. */
  configProfiles: ReadonlyMap<string, ConfigSection>;
  /** Every section of the credentials file, by its bare name. */
  credentialsProfiles: ReadonlyMap<string, ConfigSection>;
  /** `[sso-session NAME]` of the config file (the AWS CLI reads them from no other file). */
  ssoSessions: ReadonlyMap<string, ConfigSection>;
  /** Config-file section names that are none of the above, e.g. a mistyped `[dev]`. */
  otherConfigSections: readonly string[];
}

/** Reads ~/.aws/config and ~/.aws/credentials and sorts their sections the way the AWS CLI does. */
export function loadSharedConfig({ env, home, readFile }: { env: Env; home: string; readFile?: ReadFile }): SharedConfig {
  const paths = configFilePaths({ env, home });
  const config = readConfigIndex(paths.configFile, readFile);
  const credentials = readConfigIndex(paths.credentialsFile, readFile);
  // Sections are sorted by name here, and built only when looked up (a big file's other
  // profiles cost an export nothing but this pass over their headers).
  const fromConfig = (header: string): ConfigSection => toConfigSection(paths.configFile, header, config?.section(header) ?? {});
  const configProfiles = new LazyMap<string, ConfigSection>(fromConfig);
  const ssoSessions = new LazyMap<string, ConfigSection>(fromConfig);
  const otherConfigSections: string[] = [];
  for (const header of config?.names ?? []) {
    // botocore: exactly "default", or shlex-split into two words; a later section replaces an
    // earlier one for the same name ([default] vs [profile default], [profile a] vs [profile "a"]).
    // The common plain `profile NAME` needs no shlex work.
    if (header === 'default') configProfiles.set('default', header);
    else if (header.startsWith('profile ') && PLAIN_WORD.test(header.slice(8))) configProfiles.set(header.slice(8), header);
    else if (header.startsWith('sso-session ') && PLAIN_WORD.test(header.slice(12))) ssoSessions.set(header.slice(12), header);
    else {
      const words = shellSplit(header);
      if (words?.length === 2 && words[0] === 'profile') configProfiles.set(words[1] ?? '', header);
      else if (words?.length === 2 && words[0] === 'sso-session') ssoSessions.set(words[1] ?? '', header);
      else otherConfigSections.push(header);
    }
  }

  const credentialsProfiles = new LazyMap<string, ConfigSection>((header) => toConfigSection(paths.credentialsFile, header, credentials?.section(header) ?? {}));
  for (const header of credentials?.names ?? []) credentialsProfiles.set(header, header);

  return {
    paths,
    configFileExists: config !== undefined,
    credentialsFileExists: credentials !== undefined,
    configProfiles,
    credentialsProfiles,
    ssoSessions,
    otherConfigSections,
  };
}

/** One word shlex leaves as it is: printable ASCII without space, quote or backslash. */
const PLAIN_WORD = /^[!#-&(-[\]-~]+$/;

function toConfigSection(file: string, header: string, section: IniSection): ConfigSection {
  const keys: Record<string, IniValue> = Object.create(null);
  const spelling: Record<string, string> = Object.create(null);
  // parseIni has already refused keys that differ only in case, so this cannot collide.
  for (const [key, value] of Object.entries(section)) {
    keys[key.toLowerCase()] = value;
    spelling[key.toLowerCase()] = key;
  }
  return { file, header, keys, spelling };
}

/** Every profile name the AWS CLI would accept, from both files, sorted and without repeats. */
export function listProfiles(shared: SharedConfig): string[] {
  return [...new Set([...shared.configProfiles.keys(), ...shared.credentialsProfiles.keys()])].sort();
}

/** An `[sso-session]` as written: not validated, since listing must work on a half-written file. */
export interface SsoSessionInfo {
  name: string;
  startUrl?: string;
  ssoRegion?: string;
  registrationScopes?: string[];
}

/** The config file's `[sso-session NAME]` sections, sorted by name. */
export function listSsoSessions(shared: SharedConfig): SsoSessionInfo[] {
  return [...shared.ssoSessions.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, { keys }]) => {
      const info: SsoSessionInfo = { name };
      if (typeof keys.sso_start_url === 'string' && keys.sso_start_url !== '') info.startUrl = keys.sso_start_url;
      if (typeof keys.sso_region === 'string' && keys.sso_region !== '') info.ssoRegion = keys.sso_region;
      const scopes = typeof keys.sso_registration_scopes === 'string' ? parseScopes(keys.sso_registration_scopes) : undefined;
      if (scopes) info.registrationScopes = scopes;
      return info;
    });
}

/**
 * The profile to use, in the AWS CLI v2's order: `--profile`, AWS_PROFILE, AWS_DEFAULT_PROFILE,
 * then "default". An empty variable counts as unset; an empty `--profile` is a usage error
 * rather than a silent fall back to another profile.
 */
export function resolveProfileName({ profileOption, env }: { profileOption?: string; env: Env }): string {
  if (profileOption !== undefined) {
    if (profileOption.trim() === '') {
      throw new AwscredsError('USAGE', '--profile was given an empty name', 'pass a profile name, e.g. --profile dev, or leave --profile out to use AWS_PROFILE or "default"');
    }
    return profileOption;
  }
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}
