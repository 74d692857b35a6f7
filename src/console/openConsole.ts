import { ssoRootOf, type ResolvedProfile } from '../config/loadProfile';
import type { CredentialSet } from '../credentials/CredentialSet';
import { AwscredsError } from '../runtime/AwscredsError';
import { openBrowser } from '../runtime/browser';
import type { Runtime } from '../runtime/Runtime';
import { printable } from '../runtime/text';
import { consoleKeys } from './consoleCredentials';
import { federationEndpoint } from './partitions';
import { getSigninToken, loginUrl, sessionDuration } from './federation';
import { REDIRECT_TTL_MS, serveOneRedirect } from '../runtime/oneShotRedirect';

/**
 * The console login URL for a credential set: keys the sign-in endpoint accepts (long-term ones
 * through GetFederationToken), a sign-in token asked for by POST at the endpoint of the region's
 * partition, then `Action=login` with Issuer and Destination. The URL is a secret for 15 min.
 */
export async function federatedLoginUrl(
  set: CredentialSet,
  profile: ResolvedProfile,
  { region, destination, durationMinutes }: { region: string | undefined; destination: string; durationMinutes?: number },
  context: Pick<Runtime, 'sdk' | 'env' | 'log' | 'debug' | 'postForm' | 'interrupted'>,
): Promise<string> {
  const endpoint = federationEndpoint(region, context.env);
  const keys = await consoleKeys(set, profile, { sdk: context.sdk, env: context.env, debug: context.debug, ...(durationMinutes !== undefined ? { durationMinutes } : {}) });
  const duration = sessionDuration(keys.provenance, durationMinutes);
  if (duration.note) context.log(duration.note);
  const signinToken = await getSigninToken({
    endpoint,
    keys,
    ...(duration.seconds !== undefined ? { sessionDurationSeconds: duration.seconds } : {}),
    postForm: context.postForm,
    signal: context.interrupted,
    debug: context.debug,
  });
  // The console's "sign in again" link: the portal for an SSO sign-in, else awscreds' name.
  const issuer = ssoRootOf(profile)?.sso.startUrl ?? 'awscreds';
  return loginUrl({ endpoint, issuer, destination, signinToken });
}

/**
 * Hands `url` to the user: `print` writes it to stdout (returned), saying on a terminal that
 * it is a secret; otherwise a browser opens it. A secret URL reaches the browser through a
 * one-shot loopback redirect (runtime/oneShotRedirect.ts): its command line holds only that link.
 */
export async function deliverConsoleUrl(url: string, { secret, print, profileName }: { secret: boolean; print: boolean; profileName: string }, context: Runtime): Promise<string> {
  const opened = `awscreds: opened the console for profile "${printable(profileName)}" in your browser.`;
  if (print) {
    if (secret && context.stderrIsTTY()) context.log('awscreds: this URL signs in to the console: a secret for 15 minutes.');
    return `${url}\n`;
  }
  const noBrowser = (): AwscredsError => new AwscredsError('USAGE', 'no browser found to open the console in (set BROWSER).', 'print the URL instead: `awscreds console --print`.');
  if (!secret) {
    if (!(await openBrowser({ url, env: context.env, debug: context.debug }))) throw noBrowser();
    context.log(opened);
    return '';
  }
  const redirect = await serveOneRedirect({ target: url, now: context.now, signal: context.interrupted, debug: context.debug, log: context.log, uid: context.uid });
  if (!(await openBrowser({ url: redirect.url, env: context.env, debug: context.debug }))) {
    redirect.close();
    throw noBrowser();
  }
  const outcome = await redirect.outcome;
  if (outcome === 'interrupted') throw new AwscredsError('INTERRUPTED', 'interrupted before the browser opened the console.');
  if (outcome === 'expired') {
    throw new AwscredsError('SERVICE', `the browser did not open the console link within ${REDIRECT_TTL_MS / 1000} s.`, 'run `awscreds console --print` and open the URL yourself.');
  }
  context.log(opened);
  return '';
}
