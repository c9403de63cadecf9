/**
 * Safe echo of untrusted text in messages (validation errors, CLI errors, logs): a JSON string literal in which
 * every character that can change how the surrounding text is displayed is a `\uXXXX` escape.
 *
 * JSON.stringify escapes C0 controls and lone surrogates but leaves C1 controls, bidirectional overrides and
 * isolates (U+202E turns the rest of a terminal line around), zero-width and other invisible format characters, and
 * the line/paragraph separators as they are.
 */

/**
 * C1 controls and DEL, soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width space/joiners, LRM/RLM,
 * line/paragraph separators, bidi embeddings/overrides (U+202A-202E), word joiner, invisible operators and bidi
 * isolates (U+2060-206F), BOM / zero-width no-break space, interlinear annotation characters.
 */
export const UNSAFE_CHARS = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

const escapeChar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `value` as a double-quoted string literal with every control, bidi and invisible character escaped. */
export const quote = (value: string): string => JSON.stringify(value).replace(UNSAFE_CHARS, escapeChar);

/** `value` without quotes, with the same characters escaped (for text that is not a quoted value, e.g. a path). */
export const printable = (value: string): string => quote(value).slice(1, -1);
