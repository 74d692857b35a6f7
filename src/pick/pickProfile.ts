import { rememberedFromConfig } from '../config/rememberedConfig';
import { readAccountNames } from '../populate/accountNames';
import type { Runtime } from '../runtime/Runtime';
import { pickItems, profileSummaries } from './pickerModel';
import { readRecentProfiles } from './recentProfiles';
import { runPicker, type PickOutcome } from './terminalPicker';

export { rememberRecentProfile } from './recentProfiles';

/**
 * Lets the user choose a profile of both files on the terminal, matching words against the
 * profile name, the account name (as the last populate saw it), account id and role.
 * AWSCREDS_PICK_REPORT=1 logs when the first frame was drawn, in ms since the process began
 * (what bench/populate.mjs measures).
 */
export async function pickProfile(context: Runtime): Promise<PickOutcome> {
  const items = pickItems(rememberedFromConfig(context, 'pick-items', profileSummaries), readAccountNames(context), readRecentProfiles(context));
  const report = context.env.AWSCREDS_PICK_REPORT === '1';
  return runPicker(items, {
    signal: context.interrupted,
    ...(report ? { onFirstFrame: () => context.log(`awscreds: picker: first frame at ${performance.now().toFixed(1)} ms (${items.length} profiles)`) } : {}),
  });
}
