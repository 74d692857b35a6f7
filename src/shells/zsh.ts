import { renderPosixChanges } from './bash';
import { escapeBashValue } from './escapeBashValue';
import { Shell } from './Shell';

// zsh reads bash's `$'…'` quoting identically, so it reuses the bash escaper on purpose.
export const zsh: Shell = {
  name: 'zsh',
  hookFile: 'hook.zsh',
  escape: escapeBashValue,
  renderChanges: (changes) => renderPosixChanges(changes, escapeBashValue),
};
