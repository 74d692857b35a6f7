import { configFilePaths, type ConfigFilePaths, type Env } from './configFilePaths';
import type { IniSection, IniValue } from './parseIni';
import { readConfigFile, type ReadFile } from './readConfigFile';
import { shellSplit } from './shellSplit';

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
  const config = readConfigFile(paths.configFile, readFile);
  const credentials = readConfigFile(paths.credentialsFile, readFile);

  const configProfiles = new Map<string, ConfigSection>();
  const ssoSessions = new Map<string, ConfigSection>();
  const otherConfigSections: string[] = [];
  for (const [header, section] of Object.entries(config ?? {})) {
    const entry = toConfigSection(paths.configFile, header, section);
    // botocore: exactly "default", or shlex-split into two words; a later section replaces an
    // earlier one for the same name ([default] vs [profile default], [profile a] vs [profile "a"]).
    const words = header === 'default' ? undefined : shellSplit(header);
    if (header === 'default') configProfiles.set('default', entry);
    else if (words?.length === 2 && words[0] === 'profile') configProfiles.set(words[1] ?? '', entry);
    else if (words?.length === 2 && words[0] === 'sso-session') ssoSessions.set(words[1] ?? '', entry);
    else otherConfigSections.push(header);
  }

  const credentialsProfiles = new Map<string, ConfigSection>();
  for (const [header, section] of Object.entries(credentials ?? {})) {
    credentialsProfiles.set(header, toConfigSection(paths.credentialsFile, header, section));
  }

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
