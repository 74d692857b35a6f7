/**
 * Text from a service made safe for a terminal: control characters (which could move the
 * cursor or recolour the screen) become `?`.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}
