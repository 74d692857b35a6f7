import * as z from 'zod/mini';

/** A file in ~/.aws/cli/cache written by the AWS CLI's SSO provider (or by awscreds). */
export const roleCredentialsCacheEntrySchema = z.looseObject({
  ProviderType: z.optional(z.string()),
  Credentials: z.looseObject({
    AccessKeyId: z.string(),
    SecretAccessKey: z.string(),
    SessionToken: z.string(),
    Expiration: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')),
    AccountId: z.optional(z.string()),
  }),
});

export type RoleCredentialsCacheEntry = z.infer<typeof roleCredentialsCacheEntrySchema>;
