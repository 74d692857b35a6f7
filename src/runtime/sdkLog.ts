import type { HandlerExecutionContext, MiddlewareStack } from '@smithy/types';

type LogFilter = (value: unknown) => unknown;
type LoggingContext = HandlerExecutionContext & { inputFilterSensitiveLog?: LogFilter; outputFilterSensitiveLog?: LogFilter };

const HIDDEN = '***SensitiveInformation***';

/**
 * Makes the SDK's request log (shown with --debug) hide `fields` of this command's input and
 * output, on top of what the SDK's models already hide. The models leave the device code and
 * the authorization code in clear, and both are secrets here. Returns the command.
 */
export function hideInSdkLog<C extends { middlewareStack: MiddlewareStack<any, any> }>(command: C, fields: readonly string[]): C {
  const hide = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const field of fields) if (copy[field] !== undefined) copy[field] = HIDDEN;
    return copy;
  };
  command.middlewareStack.add(
    (next, context) => (args) => {
      const logging = context as LoggingContext;
      const input = logging.inputFilterSensitiveLog;
      const output = logging.outputFilterSensitiveLog;
      logging.inputFilterSensitiveLog = (value) => hide(input ? input(value) : value);
      logging.outputFilterSensitiveLog = (value) => hide(output ? output(value) : value);
      return next(args);
    },
    { step: 'initialize', name: 'awscredsHideInSdkLog', override: true },
  );
  return command;
}
