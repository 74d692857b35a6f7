import { isHttpsUrl, isRegion } from '../config/configValues';
import { configuredSsoProfiles, resolveListTarget, type ListTarget } from '../config/ssoSessions';
import { configFilePaths, listProfiles, listSsoSessions, loadSharedConfig, type SharedConfig } from '../config/sharedConfig';
import { fetchAssignedAccounts, getListToken, type AssignedAccount } from '../list/assignedAccounts';
import { signIn } from '../login/signIn';
import { AwscredsError } from '../runtime/AwscredsError';
import { MAX_CONFIG_FILE_BYTES, readRegularFile } from '../runtime/files';
import type { Runtime } from '../runtime/Runtime';
import { rememberAccountNames } from './accountNames';
import { splitConfig, type GeneratedProfile } from './managedBlock';
import { dryRunLines, planEdit, summaryLine, type EditPlan, type SessionSection } from './planEdit';
import { SAFE_PROFILE_NAME, assignNames, checkTemplate, normaliseName, type Assignment } from './profileNames';
import { editConfigFile } from './writeConfig';

export interface PopulateOptions {
  readonly ssoSession?: string;
  readonly startUrl?: string;
  readonly ssoRegion?: string;
  readonly region?: string;
  readonly template: string;
  readonly prune: boolean;
  readonly dryRun: boolean;
  readonly login: boolean;
  readonly useDeviceCode: boolean;
  readonly openBrowser: boolean;
}

/** An account id as IAM Identity Center gives it; a role (permission set) name as IAM allows it. */
const ACCOUNT_ID = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * `awscreds populate`: the sign-in (written first when given by start URL), its token (signing
 * in when there is none), every account and role it reaches, and one generated profile per
 * account and role in the sso-session's block of the config. Returns the report for stdout.
 */
export async function populate(options: PopulateOptions, context: Runtime): Promise<string> {
  checkTemplate(options.template);
  const shared = loadSharedConfig(context);
  const configFile = shared.paths.configFile;
  if (configFile === '') throw new AwscredsError('CONFIG', 'AWS_CONFIG_FILE is set to the empty string: there is no config file to write.', 'unset AWS_CONFIG_FILE, or set it to a file path.');
  const newSession = sessionToWrite(shared, options);
  // A config this run creates has nothing of the user's to back up.
  const backup = !(newSession && !shared.configFileExists);
  if (newSession && !options.dryRun) {
    await editConfigFile(configFile, { uid: context.uid, dryRun: false, backup, debug: context.debug }, (oldText) => ({ text: planEdit({ oldText, file: configFile, session: newSession.name, profiles: [], prune: false, newSession }).text, value: undefined }));
  }
  const target: ListTarget = newSession
    ? { label: `sso-session "${newSession.name}"`, sso: { startUrl: newSession.startUrl, ssoRegion: newSession.ssoRegion, sessionName: newSession.name, registrationScopes: ['sso:account:access'], accountId: '', roleName: '' } }
    : existingSessionTarget(shared, options.ssoSession, context.debug);
  const session = target.sso.sessionName ?? '';
  if (!SAFE_PROFILE_NAME.test(session)) {
    throw new AwscredsError('CONFIG', `sso-session ${JSON.stringify(session)} is not a plain name (letters, digits, . _ -); populate writes it into every profile.`, 'add an [sso-session NAME] with a plain name, and pass --sso-session NAME.');
  }
  const region = options.region ?? target.sso.ssoRegion;
  if (!isRegion(region)) throw new AwscredsError('USAGE', `--region ${JSON.stringify(region)} is not an AWS region.`, 'pass a region like eu-west-1.');

  const accessToken = await tokenFor(target, options, context);
  const accounts = await fetchAssignedAccounts({ target, accessToken, sdk: context.sdk, debug: context.debug, signal: context.interrupted });
  if (context.interrupted.aborted) throw new AwscredsError('INTERRUPTED', 'interrupted (Ctrl-C); the config was not changed.');
  const { assignments, refused } = assignmentsOf(accounts);
  if (refused > 0) context.log(`awscreds: populate: skipped ${refused} account(s) or role(s) whose id or name IAM does not allow.`);

  const edit = await editConfigFile(configFile, { uid: context.uid, dryRun: options.dryRun, backup, debug: context.debug }, (oldText) => {
    const split = splitConfig(oldText, session, configFile);
    // "default" is never generated: that profile would be used whenever none is named.
    const taken = new Set([...userProfileNames(context, `${split.before}${split.after}`), 'default']);
    const names = assignNames(options.template, assignments, session, taken);
    const profiles: GeneratedProfile[] = assignments.map((a) => ({
      name: names.get(a) as string,
      keys: [
        ['sso_session', session],
        ['sso_account_id', a.accountId],
        ['sso_role_name', a.roleName],
        ['region', region],
      ],
    }));
    const plan: EditPlan = planEdit({ oldText, file: configFile, session, profiles, prune: options.prune, ...(newSession && options.dryRun ? { newSession } : {}) });
    return { text: plan.text, value: plan };
  });
  if (!options.dryRun) rememberAccountNames(context, accounts);
  const shown = (path: string): string => (path.startsWith(`${context.home}/`) ? `~${path.slice(context.home.length)}` : path);
  if (edit.backup) context.log(`awscreds: populate: the config as it was is in ${shown(edit.backup)}.`);
  return `${options.dryRun ? dryRunLines(edit.value) : ''}${summaryLine(edit.value, shown(configFile), options.dryRun)}`;
}

/** `--start-url URL --sso-region R [--sso-session N]`: the session to add, or undefined when it exists as given. */
function sessionToWrite(shared: SharedConfig, options: PopulateOptions): SessionSection | undefined {
  const { startUrl, ssoRegion } = options;
  if (startUrl === undefined) {
    if (ssoRegion !== undefined) throw new AwscredsError('USAGE', '--sso-region was given without --start-url.', 'pass both, or neither (to use an [sso-session] of your config).');
    return undefined;
  }
  if (ssoRegion === undefined) throw new AwscredsError('USAGE', '--start-url was given without --sso-region.', 'add --sso-region REGION, the region of your IAM Identity Center.');
  if (!isHttpsUrl(startUrl) || /[\s#;]/.test(startUrl)) throw new AwscredsError('USAGE', `--start-url ${JSON.stringify(startUrl)} is not an https:// URL.`, 'pass the AWS access portal URL, like https://d-1234567890.awsapps.com/start.');
  if (!isRegion(ssoRegion)) throw new AwscredsError('USAGE', `--sso-region ${JSON.stringify(ssoRegion)} is not an AWS region.`, 'pass a region like us-east-1.');
  const name = options.ssoSession ?? (normaliseName(new URL(startUrl).hostname.split('.')[0] ?? '') || 'sso');
  if (!SAFE_PROFILE_NAME.test(name)) throw new AwscredsError('USAGE', `--sso-session ${JSON.stringify(name)} is not a plain name.`, 'use letters, digits, ".", "_" and "-".');
  const existing = listSsoSessions(shared).find((s) => s.name === name);
  if (existing === undefined) return { name, startUrl, ssoRegion };
  if (existing.startUrl !== startUrl || existing.ssoRegion !== ssoRegion) {
    throw new AwscredsError('CONFIG', `[sso-session ${name}] in ${shared.paths.configFile} has another start URL or region.`, `pass another --sso-session NAME, or leave out --start-url to use it.`);
  }
  return undefined;
}

/** `--sso-session NAME`, else the config's only one; with none at all, the fix starts from a start URL. */
function existingSessionTarget(shared: SharedConfig, ssoSession: string | undefined, debug: (text: string) => void): ListTarget {
  if (listSsoSessions(shared).length === 0) {
    throw new AwscredsError('CONFIG', `${shared.paths.configFile} has no [sso-session] to populate from.`, 'run: awscreds populate --start-url URL --sso-region REGION');
  }
  if (ssoSession === undefined && listSsoSessions(shared).length > 1) {
    throw new AwscredsError('USAGE', `${shared.paths.configFile} has several [sso-session] sections.`, `pass --sso-session NAME (one of: ${listSsoSessions(shared).map((s) => s.name).join(', ')}).`);
  }
  return resolveListTarget(shared, { ssoSessionOption: ssoSession, env: {}, ssoProfiles: configuredSsoProfiles(shared, debug) });
}

async function tokenFor(target: ListTarget, options: PopulateOptions, context: Runtime): Promise<string> {
  try {
    return await getListToken({ target, home: context.home, sdk: context.sdk, now: context.now(), log: context.log, debug: context.debug });
  } catch (error) {
    if (!(error instanceof AwscredsError && error.reason === 'NOT_SIGNED_IN') || !options.login) throw error;
    context.log(`awscreds: ${target.label} is not signed in; signing in first (--no-login to skip).`);
    const token = await signIn({ sso: target.sso, context, useDeviceCode: options.useDeviceCode, openBrowser: options.openBrowser });
    return token.accessToken;
  }
}

/** One assignment per account and role, sorted; ids and names IAM would never give are counted and left out. */
function assignmentsOf(accounts: readonly AssignedAccount[]): { assignments: Assignment[]; refused: number } {
  const assignments: Assignment[] = [];
  let refused = 0;
  for (const account of [...accounts].sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0))) {
    if (!ACCOUNT_ID.test(account.accountId)) {
      refused++;
      continue;
    }
    for (const roleName of account.roles) {
      if (ROLE_NAME.test(roleName)) assignments.push({ accountId: account.accountId, accountName: account.accountName ?? '', roleName });
      else refused++;
    }
  }
  return { assignments, refused };
}

/** The profile names of both files as the AWS CLI reads them, with the config's text replaced by `configText`. */
function userProfileNames(context: Runtime, configText: string): string[] {
  const { configFile } = configFilePaths(context);
  const readFile = (path: string): Uint8Array => (path === configFile ? Buffer.from(configText, 'utf8') : readRegularFile(path, MAX_CONFIG_FILE_BYTES));
  return listProfiles(loadSharedConfig({ env: context.env, home: context.home, readFile }));
}
