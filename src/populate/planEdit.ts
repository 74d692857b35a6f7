import { joinConfig, renderSection, separator, splitConfig, type GeneratedProfile } from './managedBlock';

// What a populate run does to the config text: pure, so a dry run and a real one agree.

export interface SessionSection {
  readonly name: string;
  readonly startUrl: string;
  readonly ssoRegion: string;
}

export interface EditPlan {
  /** The new file text; equal to the old when nothing changes. */
  readonly text: string;
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly removed: readonly string[];
  /** Generated profiles already as they should be, and stale ones kept without --prune. */
  readonly leftAlone: readonly string[];
}

export interface PlanInput {
  readonly oldText: string;
  readonly file: string;
  readonly session: string;
  /** The profiles the assignments ask for now. */
  readonly profiles: readonly GeneratedProfile[];
  /** Drop generated profiles no assignment asks for any more. */
  readonly prune: boolean;
  /** Write this `[sso-session]` section first (populate from a start URL on a fresh config). */
  readonly newSession?: SessionSection;
}

export function planEdit(input: PlanInput): EditPlan {
  const withSession = input.newSession ? appendSession(input.oldText, input.newSession) : input.oldText;
  const split = splitConfig(withSession, input.session, input.file);
  const sections = new Map<string, string>();
  const added: string[] = [];
  const updated: string[] = [];
  const leftAlone: string[] = [];
  for (const profile of input.profiles) {
    const text = renderSection(profile);
    sections.set(profile.name, text);
    const old = split.generated.get(profile.name);
    (old === undefined ? added : old === text ? leftAlone : updated).push(profile.name);
  }
  const removed: string[] = [];
  for (const [name, text] of split.generated) {
    if (sections.has(name)) continue;
    if (input.prune) removed.push(name);
    else {
      sections.set(name, text);
      leftAlone.push(name);
    }
  }
  const text = joinConfig(split, input.session, sections);
  return { text, added: added.sort(), updated: updated.sort(), removed: removed.sort(), leftAlone: leftAlone.sort() };
}

/** The text with an `[sso-session]` section at its end (values already checked to be plain words). */
function appendSession(text: string, session: SessionSection): string {
  const eol = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1)) ? '\r\n' : '\n';
  const lines = [`[sso-session ${session.name}]`, `sso_start_url = ${session.startUrl}`, `sso_region = ${session.ssoRegion}`, 'sso_registration_scopes = sso:account:access'];
  return `${separator(text, eol)}${lines.join(eol)}${eol}`;
}

/** The run's one line: `added 3, updated 0, removed 0, left alone 12 (~/.aws/config)`. */
export function summaryLine(plan: EditPlan, file: string, dryRun: boolean): string {
  const counts = `${plan.added.length} added, ${plan.updated.length} updated, ${plan.removed.length} removed, ${plan.leftAlone.length} left alone`;
  if (dryRun) return `awscreds: populate --dry-run: ${counts} in ${file}; nothing written.\n`;
  return `awscreds: populate: ${counts} in ${file}${plan.added.length + plan.updated.length + plan.removed.length === 0 ? '; unchanged' : ''}.\n`;
}

/** What a dry run prints: one line per change, then the summary. */
export function dryRunLines(plan: EditPlan): string {
  return [...plan.added.map((n) => `+ [profile ${n}]\n`), ...plan.updated.map((n) => `~ [profile ${n}]\n`), ...plan.removed.map((n) => `- [profile ${n}]\n`)].join('');
}
