import type { CliContext, CommandResult } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';
import { attachProfiles } from './attachProfiles';
import { configuredSsoProfiles } from './configuredSsoProfiles';
import { fetchAssignedAccounts } from './fetchAssignedAccounts';
import { getListToken } from './getListToken';
import { renderAccountsJson } from './renderAccountsJson';
import { renderAccountTable } from './renderAccountTable';
import { resolveListTarget } from './resolveListTarget';

/** `awscreds list`, loaded only when that command runs: target → token → accounts and roles → profiles. */
export async function runList(args: ParsedArgs, context: CliContext): Promise<CommandResult> {
  const ssoProfiles = configuredSsoProfiles({ env: context.env, home: context.home, debug: context.debug });
  const target = resolveListTarget({
    profileOption: args.profile as string | undefined,
    ssoSessionOption: args['sso-session'] as string | undefined,
    env: context.env,
    home: context.home,
    ssoProfiles,
  });
  const accessToken = await getListToken({ target, home: context.home, sdk: context.sdk, now: context.now(), log: context.log, debug: context.debug });
  const accounts = await fetchAssignedAccounts({ target, accessToken, sdk: context.sdk, debug: context.debug });
  const listed = attachProfiles(accounts, target.sso.startUrl, ssoProfiles);
  return { stdout: args.json === true ? renderAccountsJson(listed, target) : renderAccountTable(listed, target.label), exitCode: 0 };
}
