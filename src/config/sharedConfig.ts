import { AwscredsError } from '../runtime/AwscredsError';
import { MAX_CONFIG_FILE_BYTES, describeReadError, readRegularFile } from '../runtime/files';
import type { Env } from '../runtime/Runtime';
import { parseScopes } from './configValues';
import { LazyMap } from './lazyMap';
import { lowerKey, parseIniFile, type IniValue, type ParsedIni } from './parseIni';
import { shellSplit } from '../runtime/shellSplit';


export interface ConfigFilePaths {
  configFile: string;
  credentialsFile: string;
}

/**
 * Where the AWS CLI looks for its two files: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE,
 * else ~/.aws/config and ~/.aws/credentials. As in botocore, a variable set to the empty string
 * names no file at all (it does not mean "the default"), and `$VAR`, `${VAR}` and a leading
 * `~` are expanded (Python's os.path.expandvars, then expanduser), so `AWS_CONFIG_FILE='$HOME/x'`
 * and `AWS_CONFIG_FILE="~/x"` (quoted, so the shell left them alone) both work.
 */
export function configFilePaths({ env, home }: { env: Env; home: string }): ConfigFilePaths {
  const resolve = (variable: string | undefined, fallback: string): string => expandUser(expandVars(variable ?? fallback, env), env.HOME ?? home);
  return {
    configFile: resolve(env.AWS_CONFIG_FILE, '~/.aws/config'),
    credentialsFile: resolve(env.AWS_SHARED_CREDENTIALS_FILE, '~/.aws/credentials'),
  };
}

/** Python's os.path.expandvars: `$NAME` and `${NAME}` of set variables; anything else stays as written. */
function expandVars(path: string, env: Env): string {
  return path.replace(/\$(\w+|\{[^}]*\})/g, (match: string, name: string) => {
    const bare = name.startsWith('{') ? name.slice(1, -1) : name;
    // \w is ASCII here, as with re.ASCII in Python.
    const value = Object.prototype.hasOwnProperty.call(env, bare) ? env[bare] : undefined;
    return value ?? match;
  });
}

/** Python's os.path.expanduser for `~` and `~/…` (`~user` is left as written). */
function expandUser(path: string, home: string): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  return `${home.replace(/\/+$/, '')}${path.slice(1)}` || '/';
}

/** Reads a whole file as bytes; injectable so tests can simulate unreadable files (root ignores modes). */
export type ReadFile = (path: string) => Uint8Array;

/** A regular file only, never blocking (a FIFO at ~/.aws/config must not hang a shell's prompt). */
const readConfigBytes: ReadFile = (path) => readRegularFile(path, MAX_CONFIG_FILE_BYTES);

/**
 * Reads and parses one of the AWS CLI's files. A file that does not exist (or an empty path,
 * from an empty AWS_CONFIG_FILE) is `undefined`, not an error: the profile may live in the
 * other file. One that exists but cannot be read is a FILESYSTEM error (botocore would skip
 * it silently; a clear error is kinder); one that is not UTF-8 is a CONFIG error, as the AWS
 * CLI refuses it too.
 */
export function readConfigFile(path: string, readFile: ReadFile = readConfigBytes): ParsedIni | undefined {
  if (path === '') return undefined;
  let bytes: Uint8Array;
  try {
    bytes = readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    const why = describeReadError(error);
    throw new AwscredsError('FILESYSTEM', `cannot read ${path}: ${why}`, `make ${path} a readable file (check it with: ls -ld ${path}), or remove it`);
  }
  let text: string;
  try {
    // ignoreBOM keeps a BOM in the text, where parseIniFile drops it: one place handles it.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AwscredsError('CONFIG', `${path} is not valid UTF-8 text`, `save ${path} as UTF-8 (the AWS CLI cannot read it either)`);
  }
  return parseIniFile(text, path);
}

/** One section of one file, ready for lookups. */
export interface ConfigSection {
  file: string;
  /** The section name as written between the brackets, for messages: `profile dev`. */
  header: string;
  /** Keys lower-cased, as the AWS CLI reads them, with those inherited from [DEFAULT]; values as written. */
  keys: Readonly<Record<string, IniValue>>;
  /** Lower-cased key → the key as written, for messages. */
  spelling: Readonly<Record<string, string>>;
  /** The lower-cased keys that come from the file's [DEFAULT] section, not this one. */
  inherited: ReadonlySet<string>;
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
  /** Config-file section names that are none of the above, e.g. a mistyped `[dev]` or `[profile a b]`. */
  otherConfigSections: readonly string[];
}

/**
 * Reads ~/.aws/config and ~/.aws/credentials and sorts their sections the way the AWS CLI
 * does. `debug` gets one line per thing the AWS CLI reads in a way the writer may not have
 * meant (a header that names no profile, text after `]`, …): botocore skips those silently.
 */
export function loadSharedConfig({ env, home, readFile, debug }: { env: Env; home: string; readFile?: ReadFile; debug?: (text: string) => void }): SharedConfig {
  const paths = configFilePaths({ env, home });
  const config = readConfigFile(paths.configFile, readFile);
  const credentials = readConfigFile(paths.credentialsFile, readFile);
  const notes = [...(config?.notes ?? []), ...(credentials?.notes ?? [])];

  // Sections are sorted by name here and built only when looked up: a big file's other
  // profiles cost an export this pass over their names, nothing more.
  const fromConfig = (header: string): ConfigSection => toConfigSection(paths.configFile, header, config as ParsedIni);
  const configProfiles = new LazyMap<string, ConfigSection>(fromConfig);
  const ssoSessions = new LazyMap<string, ConfigSection>(fromConfig);
  const otherConfigSections: string[] = [];
  for (const header of config?.names ?? []) {
    // botocore's build_profile_map: a name that starts with "profile" (or "sso-session") and
    // shlex-splits into exactly two words names the second word, so [profile "my dev"],
    // [profile   dev] and even [profiles dev] are profile "dev"; otherwise exactly "default".
    // A later section replaces an earlier one for the same name ([default] vs [profile default]).
    // The common plain `profile NAME` needs no shlex work.
    const plain = header.startsWith('profile ') ? 8 : header.startsWith('sso-session ') ? 12 : 0;
    const kind = header.startsWith('profile') ? 'profile' : header.startsWith('sso-session') ? 'sso-session' : undefined;
    if (kind) {
      const name = plain > 0 && PLAIN_WORD.test(header.slice(plain)) ? header.slice(plain) : twoWordName(header, kind, paths.configFile, notes);
      if (name === undefined) {
        otherConfigSections.push(header);
        continue;
      }
      const known = kind === 'profile' ? configProfiles : ssoSessions;
      if (known.has(name)) notes.push(`${paths.configFile}: [${header}] replaces the earlier section for ${kind} "${name}", as in the AWS CLI`);
      known.set(name, header);
    } else if (header === 'default') {
      if (configProfiles.has('default')) notes.push(`${paths.configFile}: [default] replaces the earlier section for profile "default", as in the AWS CLI`);
      configProfiles.set('default', header);
    } else {
      otherConfigSections.push(header);
    }
  }

  const credentialsProfiles = new LazyMap<string, ConfigSection>((header) => toConfigSection(paths.credentialsFile, header, credentials as ParsedIni));
  for (const header of credentials?.names ?? []) credentialsProfiles.set(header, header);

  for (const note of notes) debug?.(note);
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

/** The NAME of a `profile NAME` or `sso-session NAME` header as shlex splits it, or undefined (with a note) when it names none. */
function twoWordName(header: string, kind: string, file: string, notes: string[]): string | undefined {
  const words = shellSplit(header);
  const name = words?.length === 2 ? words[1] : undefined;
  if (name === undefined) {
    notes.push(`${file}: [${header}] is ignored, as the AWS CLI ignores it: it names no ${kind} (write [${kind} NAME], quoting a NAME with spaces)`);
  } else if (words?.[0] !== kind) {
    notes.push(`${file}: [${header}] is read as [${kind} ${name}], as the AWS CLI reads it`);
  }
  return name;
}

/** A section as botocore sees it: the [DEFAULT] keys it does not set itself, then its own. */
function toConfigSection(file: string, header: string, parsed: ParsedIni): ConfigSection {
  const own = Object.entries(parsed.section(header) ?? {});
  const ownKeys = new Set(own.map(([key]) => lowerKey(key)));
  const keys: Record<string, IniValue> = Object.create(null);
  const spelling: Record<string, string> = Object.create(null);
  const inherited = new Set<string>();
  const add = (key: string, value: IniValue): string => {
    const lower = lowerKey(key);
    keys[lower] = value;
    spelling[lower] = key;
    return lower;
  };
  for (const [key, value] of Object.entries(parsed.defaults)) if (!ownKeys.has(lowerKey(key))) inherited.add(add(key, value));
  // parseIniFile has already refused keys that differ only in case, so this cannot collide.
  for (const [key, value] of own) add(key, value);
  return { file, header, keys, spelling, inherited };
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
 * The profile AWS_PROFILE or AWS_DEFAULT_PROFILE names, in that order, or undefined when neither
 * is set. As in the AWS CLI, a variable set to the empty string counts: it names the profile
 * "" (which then is not found), not "default".
 */
export function profileFromEnv(env: Env): string | undefined {
  return env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE;
}

/**
 * The profile to use, in the AWS CLI v2's order: `--profile`, AWS_PROFILE, AWS_DEFAULT_PROFILE,
 * then "default" (see profileFromEnv for an empty variable). An empty `--profile` is a usage
 * error rather than a silent fall back to another profile (the AWS CLI ignores it).
 */
export function resolveProfileName({ profileOption, env }: { profileOption?: string; env: Env }): string {
  if (profileOption !== undefined) {
    if (profileOption.trim() === '') {
      throw new AwscredsError('USAGE', '--profile was given an empty name', 'pass a profile name, e.g. --profile dev, or leave --profile out to use AWS_PROFILE or "default"');
    }
    return profileOption;
  }
  return profileFromEnv(env) ?? 'default';
}
