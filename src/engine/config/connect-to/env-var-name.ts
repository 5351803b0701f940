/**
 * Stacktape's `injectedParameterEnvVarName`:
 * `snakeCase(\`STP_${ref.replaceAll('.', '_')}_${param}\`).toUpperCase()` with change-case 5.
 * change-case splits between a lower-case letter or digit and an upper-case letter, between an
 * acronym and a following capitalised word (`APIGateway` → `API`, `Gateway`), and at every run of
 * characters that are neither letters nor digits. Digits are never split from letters before them.
 */
export function injectedVariableName(resource: string, param: string): string {
  return snakeCaseWords(`STP_${resource.replaceAll('.', '_')}_${param}`).join('_').toUpperCase();
}

const LOWER_UPPER = /([\p{Ll}\d])(\p{Lu})/gu;
const UPPER_UPPER = /(\p{Lu})([\p{Lu}][\p{Ll}])/gu;
const STRIP = /[^\p{L}\d]+/giu;

export function snakeCaseWords(input: string): string[] {
  const marked = input
    .trim()
    .replace(LOWER_UPPER, '$1\0$2')
    .replace(UPPER_UPPER, '$1\0$2')
    .replace(STRIP, '\0');
  return marked
    .split('\0')
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}
