/**
 * The ISO 8601 forms the tools write into AWS_CREDENTIAL_EXPIRATION: awscreds and aws-vault
 * `2026-11-28T16:00:00Z`, the AWS CLI's `configure export-credentials` Python isoformat()
 * `2026-11-28T16:00:00+00:00` (with `.123000` when the time has microseconds), granted and
 * other Go tools RFC 3339 with the local offset (`-05:00`) and up to nine fractional digits,
 * `+HHMM` from strftime's %z. Date and time are always joined by `T`. Anything else (no
 * offset, a space, `24:00`, a month 13) is not read.
 *
 * The three hooks parse the same pattern with builtins (bash BASH_REMATCH, zsh $match, fish
 * `string match -r` + `math`) and the same arithmetic; test/hooks proves they agree.
 */
export const CREDENTIAL_EXPIRATION_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]{1,9})?(Z|[+-][0-9]{2}:?[0-9]{2})$/;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil),
 * in integer steps the shells' `$(( ))` repeat: every division is of a non-negative number
 * except the era's, whose dividend is a multiple of 400 whenever it is negative.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.trunc((y >= 0 ? y : y - 399) / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month <= 2 ? month + 9 : month - 3;
  const dayOfYear = Math.trunc((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.trunc(yearOfEra / 4) - Math.trunc(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * AWS_CREDENTIAL_EXPIRATION as epoch seconds (fractional seconds dropped), or undefined when
 * it is not one of the forms above. A day past the month's end (`02-30`) is not refused: it
 * counts on into the next month, in the hooks too.
 */
export function parseCredentialExpiration(value: string): number | undefined {
  const match = CREDENTIAL_EXPIRATION_PATTERN.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part)) as [number, number, number, number, number, number];
  const zone = match[7] ?? 'Z';
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (zone !== 'Z') {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMinutes = Number(zone.slice(-2));
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    offset = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
}
