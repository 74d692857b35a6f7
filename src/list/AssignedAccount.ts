/** An account IAM Identity Center lets the signed-in user reach, with the roles there. */
export interface AssignedAccount {
  readonly accountId: string;
  readonly accountName?: string;
  readonly emailAddress?: string;
  /** Role (permission set) names, sorted. */
  readonly roles: readonly string[];
}

/** An assigned account as `awscreds list` shows it: each role with the profiles that use it. */
export interface ListedAccount {
  readonly accountId: string;
  readonly accountName: string | null;
  readonly emailAddress: string | null;
  readonly roles: ReadonlyArray<{ readonly roleName: string; readonly profiles: readonly string[] }>;
}
