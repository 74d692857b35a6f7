import type { HandlerExecutionContext, Logger, MiddlewareStack } from '@smithy/types';

// What --debug shows of the AWS SDK's requests: one place decides which fields stay hidden.

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

/**
 * With --debug, the SDK's own request log. The SDK already replaces the fields its models
 * mark sensitive; these names are masked too, whatever the model says (device and
 * authorization codes are not marked).
 */
const SECRET_FIELDS = new Set([
  'accessToken',
  'refreshToken',
  'clientSecret',
  'code',
  'deviceCode',
  'codeVerifier',
  'secretAccessKey',
  'sessionToken',
  'idToken',
  // STS (PascalCase): its model leaves the session token, the web identity token and the MFA code in clear.
  'SecretAccessKey',
  'SessionToken',
  'WebIdentityToken',
  'TokenCode',
]);

export function sdkLogger(debugLog: ((text: string) => void) | undefined): Logger | undefined {
  if (!debugLog) return undefined;
  const mask = (key: string, value: unknown): unknown => (SECRET_FIELDS.has(key) && typeof value === 'string' ? HIDDEN : value);
  const write = (...content: unknown[]): void => debugLog(`sdk: ${content.map((c) => (typeof c === 'string' ? c : JSON.stringify(c, mask))).join(' ')}`);
  return { trace: () => undefined, debug: write, info: write, warn: write, error: write };
}
