import { AwscredsError } from '../runtime/AwscredsError';

// The names `awscreds populate` gives the profiles it writes. Account names come from the
// service and may hold anything (`]`, `#`, quotes, newlines, `$(…)`, escapes, bidi controls,
// non-ASCII): a name is built from the template, then reduced to letters, digits, `.`, `_`
// and `-`, which the AWS CLI reads as a plain word in `[profile NAME]` and every shell takes
// unquoted. The same input gives the same name on every run.

/** `{account_name}.{role_name}`: `Prod.Admin`, as aws-sso-util's default. */
export const DEFAULT_NAME_TEMPLATE = '{account_name}.{role_name}';
export const TEMPLATE_FIELDS = ['account_name', 'account_id', 'role_name', 'sso_session'] as const;
type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** What a profile name may be made of: a plain word for botocore's shlex and for every shell. */
export const SAFE_PROFILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
/** Long enough for any template; short enough for a menu line. */
const MAX_NAME_LENGTH = 96;

export interface Assignment {
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
}

/** Refuses a template with an unknown `{field}` or none of the fields that tell profiles apart. */
export function checkTemplate(template: string): void {
  const fields = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  const unknown = fields.find((f) => !(TEMPLATE_FIELDS as readonly string[]).includes(f));
  if (unknown !== undefined) {
    throw new AwscredsError('USAGE', `--template names an unknown field {${unknown}}.`, `use ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(', ')}.`);
  }
  if (!fields.includes('role_name') || !(fields.includes('account_name') || fields.includes('account_id'))) {
    throw new AwscredsError('USAGE', `--template ${JSON.stringify(template)} cannot tell every account and role apart.`, 'include {role_name} and {account_name} or {account_id}.');
  }
}

/**
 * Text reduced to `[A-Za-z0-9._-]`: accents dropped (é → e), every other run of characters
 * becomes one `-`, no leading or trailing `-` or `.`.
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[-.]+$/, '');
}

/** The template filled in for one assignment, normalised; an account name with nothing left gives way to the id. */
export function renderName(template: string, assignment: Assignment, ssoSession: string): string {
  const values: Record<TemplateField, string> = {
    account_name: normaliseName(assignment.accountName) || assignment.accountId,
    account_id: assignment.accountId,
    role_name: normaliseName(assignment.roleName),
    sso_session: normaliseName(ssoSession),
  };
  const name = normaliseName(template.replace(/\{([a-z_]+)\}/g, (_, field: TemplateField) => values[field]));
  return name === '' ? `${assignment.accountId}-${values.role_name}` : name;
}

/**
 * A name per assignment, unique and never one of `taken` (the user's own profiles). When
 * several want one name, or a user's profile has it, each of them gets `-<account id>`
 * (and then `-2`, `-3`… by role name): which one keeps the plain name never depends on order.
 */
export function assignNames(template: string, assignments: readonly Assignment[], ssoSession: string, taken: ReadonlySet<string>): Map<Assignment, string> {
  const wanted = new Map<string, Assignment[]>();
  for (const a of assignments) {
    const name = renderName(template, a, ssoSession);
    wanted.set(name, [...(wanted.get(name) ?? []), a]);
  }
  const result = new Map<Assignment, string>();
  const used = new Set<string>(taken);
  const later: Array<[string, Assignment[]]> = [];
  for (const [name, group] of wanted) {
    if (group.length === 1 && !taken.has(name)) {
      result.set(group[0] as Assignment, name);
      used.add(name);
    } else later.push([name, group]);
  }
  for (const [name, group] of later.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const sorted = [...group].sort((a, b) => compare(a.accountId, b.accountId) || compare(a.roleName, b.roleName));
    for (const a of sorted) {
      let candidate = `${name}-${a.accountId}`;
      for (let n = 2; used.has(candidate); n++) candidate = `${name}-${a.accountId}-${n}`;
      result.set(a, candidate);
      used.add(candidate);
    }
  }
  return result;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
