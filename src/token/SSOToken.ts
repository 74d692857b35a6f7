import * as z from 'zod/mini';

/**
 * A token file in ~/.aws/sso/cache as the AWS CLI and the SDKs write it. Only accessToken and
 * expiresAt are required to use it; every other field, known or not, is kept when rewriting.
 */
export const ssoTokenSchema = z.looseObject({
  startUrl: z.optional(z.string()),
  region: z.optional(z.string()),
  accessToken: z.string().check(z.minLength(1)),
  expiresAt: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')),
  clientId: z.optional(z.string()),
  clientSecret: z.optional(z.string()),
  registrationExpiresAt: z.optional(z.string()),
  refreshToken: z.optional(z.string()),
});

export type SSOToken = z.infer<typeof ssoTokenSchema>;
