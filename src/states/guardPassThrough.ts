import { GUARD_PASS_THROUGH, type GuardPassThroughRule } from './credentialStates';

/** The rule a guarded command follows: aws its own, every other name the generic one. */
export function guardPassThroughRule(command: string): GuardPassThroughRule {
  return command === 'aws' ? GUARD_PASS_THROUGH.aws : GUARD_PASS_THROUGH.other;
}

/**
 * Whether a guard lets `command ARGS` through without judging the credential set: the
 * invocation never signs a request with the environment's keys (GUARD_PASS_THROUGH). The
 * hooks' `_awscreds_passes` take the same steps, in the same order, with builtins.
 */
export function guardPassesThrough(command: string, args: readonly string[]): boolean {
  const rule = guardPassThroughRule(command);
  if (args.length === 0) return true;
  if (rule.last.includes(args[args.length - 1] ?? '')) return true;
  const words: string[] = [];
  let skipValue = false;
  for (const arg of args) {
    if (skipValue) {
      skipValue = false;
      continue;
    }
    if (rule.anywhere.includes(arg)) return true;
    if (arg.startsWith('-')) {
      const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
      if (rule.profileOptions.includes(name)) return true;
      if (!arg.includes('=') && rule.optionsWithValue.includes(arg)) skipValue = true;
      continue;
    }
    if (words.length < 2) words.push(arg);
  }
  if (words[0] !== undefined && rule.first.includes(words[0])) return true;
  return words.length === 2 && rule.firstTwo.includes(`${words[0]} ${words[1]}`);
}
