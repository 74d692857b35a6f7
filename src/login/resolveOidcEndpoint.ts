import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';

class EndpointResolved extends Error {
  constructor(readonly url: string) {
    super('endpoint resolved');
  }
}

/**
 * The base URL this OIDC client sends its requests to, resolved by the SDK itself (the
 * `endpoint` option, AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL, the config file's services,
 * else `https://oidc.<region>.amazonaws.com`): the browser's authorize page lives there too.
 * It builds a CreateToken request and stops it before anything is sent.
 */
export async function resolveOidcEndpoint(client: SSOOIDCClient): Promise<string> {
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc');
  const probe = new CreateTokenCommand({ clientId: 'endpoint-probe', clientSecret: 'endpoint-probe', grantType: 'endpoint-probe' });
  probe.middlewareStack.add(
    (_next, context) => async (args) => {
      const request = args.request as { protocol?: string; hostname?: string; port?: number; path?: string };
      const port = request.port !== undefined ? `:${request.port}` : '';
      const base = (request.path ?? '').replace(/\/token$/, '').replace(/\/$/, '');
      // Not a failure: keep the SDK's logger from reporting this stop under --debug.
      context.logger = undefined;
      throw new EndpointResolved(`${request.protocol ?? 'https:'}//${request.hostname ?? ''}${port}${base}`);
    },
    { step: 'build', name: 'awscredsResolveOidcEndpoint', priority: 'high' },
  );
  try {
    await client.send(probe);
  } catch (error) {
    if (error instanceof EndpointResolved) return error.url;
    throw error;
  }
  throw new Error('resolveOidcEndpoint: the request was not stopped before sending');
}
