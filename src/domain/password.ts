/**
 * The Directory Service admin password rule (CreateDirectory / CreateMicrosoftAD `Password` pattern):
 *   (?=^.{8,64}$)((?=.*\d)(?=.*[A-Z])(?=.*[a-z])|(?=.*\d)(?=.*[^A-Za-z0-9\s])(?=.*[a-z])|
 *                 (?=.*[^A-Za-z0-9\s])(?=.*[A-Z])(?=.*[a-z])|(?=.*\d)(?=.*[A-Z])(?=.*[^A-Za-z0-9\s]))^.*
 * i.e. 8–64 characters AND at least 3 of the 4 classes digit / upper / lower / special (a special character is
 * anything that is not a letter, digit or whitespace). The four alternatives of the regex are exactly the four
 * 3-of-4 combinations, so counting classes is equivalent.
 *
 * Results never contain the value, only which rule failed.
 */

/** Field names that look like a password: rejected in a request, redacted in a status answer. */
export const PASSWORD_KEY = /pass(word|wd)|pwd/i;

export type PasswordRule = 'type' | 'length' | 'complexity';

export interface PasswordCheck {
  ok: boolean;
  /** The first rule that failed, if any. */
  failed?: PasswordRule;
  /** Human explanation without the value (safe to log / put in an error). */
  message?: string;
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

/** The seed's pattern, verbatim (JS supports the lookaheads). `.` does not match line terminators, as in Java. */
export const DS_PASSWORD_PATTERN =
  /(?=^.{8,64}$)((?=.*\d)(?=.*[A-Z])(?=.*[a-z])|(?=.*\d)(?=.*[^A-Za-z0-9\s])(?=.*[a-z])|(?=.*[^A-Za-z0-9\s])(?=.*[A-Z])(?=.*[a-z])|(?=.*\d)(?=.*[A-Z])(?=.*[^A-Za-z0-9\s]))^.*/;

export const checkPassword = (value: unknown): PasswordCheck => {
  if (typeof value !== 'string') {
    return { ok: false, failed: 'type', message: 'the password must be a string' };
  }
  // Length is counted in UTF-16 units and `.` stops at line terminators, as in the service's Java regex.
  if (value.length < PASSWORD_MIN_LENGTH || value.length > PASSWORD_MAX_LENGTH || /[\n\r\u2028\u2029]/.test(value)) {
    return {
      ok: false,
      failed: 'length',
      message: `the password must be ${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters on one line`,
    };
  }
  if (!DS_PASSWORD_PATTERN.test(value)) {
    return {
      ok: false,
      failed: 'complexity',
      message:
        'the password must contain characters from at least 3 of: digits, upper-case letters, lower-case letters, ' +
        'special characters (Active Directory complexity rule)',
    };
  }
  return { ok: true };
};

export type PasswordExtraction = { ok: true; password: string } | { ok: false; message: string };

/**
 * The admin password from a Secrets Manager `SecretString`: either the raw password, or a JSON object with a
 * `password` key (also `Password`). A JSON string that is not an object is treated as a raw password.
 */
export const extractPassword = (secretString: string | undefined): PasswordExtraction => {
  if (secretString === undefined) {
    return { ok: false, message: 'the secret has no SecretString (binary secrets are not supported)' };
  }
  const trimmed = secretString.trimStart();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(secretString);
    } catch {
      return { ok: false, message: 'the secret looks like JSON but does not parse (expected {"password": "..."} or a raw password)' };
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const record = parsed as Record<string, unknown>;
      const password = record['password'] ?? record['Password'];
      if (typeof password !== 'string') {
        return { ok: false, message: 'the secret JSON has no string "password" key' };
      }
      return { ok: true, password };
    }
  }
  return { ok: true, password: secretString };
};
