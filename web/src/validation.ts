// Client-side checks that mirror the server's rules, so users learn early. The server
// checks again and its answer wins.

export const USERNAME_RE = /^[A-Za-z0-9_.-]{3,32}$/;

/** At least 8 characters with 3 of 4 classes: upper, lower, digit, symbol. */
export function passwordStrongEnough(pw: string): boolean {
  if (pw.length < 8) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw));
  return classes.length >= 3;
}

export const PHONE_RE = /^1\d{10}$/;

/** Shape only (18 chars, last may be X); the check digit is left to the server. */
export const ID_NUMBER_RE = /^\d{17}[\dXx]$/;
