import type { SharedConfig } from '../config/sharedConfig';
import { listProfiles } from '../config/sharedConfig';
import { printable } from '../runtime/text';

// The profile picker's data, without a terminal: the profiles to choose from (most recently
// used first), the filter, and the frame it draws. Pure, so tests and the bench drive it as is.

export interface PickItem {
  readonly name: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
}

/**
 * Every profile of both files with its account id and role (of sso_account_id and
 * sso_role_name, else of role_arn), as one JSON string: what the picker remembers while the
 * files are unchanged (rememberedFromConfig), so that its first frame needs no config read.
 */
export function profileSummaries(shared: SharedConfig): string {
  return JSON.stringify(
    listProfiles(shared).map((name) => {
      const keys = shared.configProfiles.get(name)?.keys ?? {};
      const text = (key: string): string => (typeof keys[key] === 'string' ? (keys[key] as string) : '');
      const accountId = text('sso_account_id') || /^arn:[^:]*:iam::(\d+):/.exec(text('role_arn'))?.[1] || '';
      const roleName = text('sso_role_name') || /:role\/(?:.*\/)?([^/]+)$/.exec(text('role_arn'))?.[1] || '';
      return [name, accountId, roleName];
    }),
  );
}

/** The profiles of `profileSummaries`, the recently used first (in that order), then the rest by name. */
export function pickItems(summaries: string, accountNames: ReadonlyMap<string, string>, recent: readonly string[]): PickItem[] {
  const rank = new Map(recent.map((name, i) => [name, i]));
  const all = (JSON.parse(summaries) as Array<[string, string, string]>).map(([name, accountId, roleName]) => ({ name, accountId, accountName: accountNames.get(accountId) ?? '', roleName }));
  return [...all.filter((i) => rank.has(i.name)).sort((a, b) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0)), ...all.filter((i) => !rank.has(i.name))];
}

/**
 * What a query word may match, per item: its fields lower-cased. Made at the first keystroke,
 * not before the first frame (for 10,000 profiles it is most of the picker's start-up).
 */
export function searchIndex(items: readonly PickItem[]): string[] {
  return items.map((i) => `${i.name}\n${i.accountName}\n${i.accountId}\n${i.roleName}`.toLowerCase());
}

/** The items every word of `query` appears in (any order, any field), in their order; `index` is searchIndex(items). */
export function filterItems(items: readonly PickItem[], index: readonly string[], query: string): readonly PickItem[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return items;
  return items.filter((_, i) => words.every((w) => (index[i] as string).includes(w)));
}

export interface PickerState {
  readonly query: string;
  readonly matches: readonly PickItem[];
  /** Index of the highlighted match. */
  readonly selected: number;
}

/**
 * The lines the picker shows: the query line, then at most `height` matches around the
 * selected one (highlighted in reverse video), each cut to `columns`. Names and the service's
 * account names pass through printable().
 */
export function renderFrame(state: PickerState, total: number, height: number, columns: number): string[] {
  const fit = (text: string): string => (text.length > columns - 1 ? `${text.slice(0, Math.max(0, columns - 2))}…` : text);
  const lines = [fit(`profile> ${printable(state.query)}`)];
  const first = Math.max(0, Math.min(state.selected - height + 1, state.matches.length - height));
  const shown = state.matches.slice(Math.max(0, first), Math.max(0, first) + height);
  shown.forEach((item, i) => {
    const detail = [item.accountName, item.accountId, item.roleName].filter((d) => d !== '').map(printable).join('  ');
    const line = fit(`${Math.max(0, first) + i === state.selected ? '> ' : '  '}${printable(item.name)}${detail ? `  ${detail}` : ''}`);
    lines.push(Math.max(0, first) + i === state.selected ? `\u001b[7m${line}\u001b[27m` : line);
  });
  lines.push(fit(`  ${state.matches.length}/${total}  type to filter, ↑↓ choose, Enter export, Esc cancel`));
  return lines;
}
