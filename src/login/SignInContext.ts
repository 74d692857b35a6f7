import type { CliContext } from '../cli/CliContext';

/** The part of the CLI context a sign-in or sign-out reads: a command's context fits as is. */
export type SignInContext = Pick<CliContext, 'env' | 'home' | 'now' | 'log' | 'debug' | 'stderrIsTTY' | 'sdk' | 'interrupted'>;
