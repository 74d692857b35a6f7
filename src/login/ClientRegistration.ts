import * as z from 'zod/mini';

/**
 * A client registration as the AWS CLI caches it in ~/.aws/sso/cache: `expiresAt` is the
 * registration's `clientSecretExpiresAt` as `YYYY-MM-DDTHH:MM:SSZ`; `scopes` when some were
 * requested; `grantTypes` only for the authorization-code flow's registrations.
 */
export const clientRegistrationSchema = z.looseObject({
  clientId: z.string().check(z.minLength(1)),
  clientSecret: z.string().check(z.minLength(1)),
  expiresAt: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')),
  scopes: z.optional(z.array(z.string())),
  grantTypes: z.optional(z.array(z.string())),
});

export type ClientRegistration = z.infer<typeof clientRegistrationSchema>;
