/**
 * `$Secret('name')` / `$Secret('name.key')` → a Secrets Manager dynamic reference string.
 *
 * The template only ever carries the reference; CloudFormation resolves it at deploy time, so the
 * secret's value never passes through stp. Stacktape pins the reference to the secret's current
 * VersionId (it reads the secret while compiling); stp compiles offline, so the reference follows
 * AWSCURRENT, and a rotated secret reaches a resource on the next update that touches it.
 */

/** Secrets Manager secret names: 1–512 of `A-Za-z0-9 /_+=.@-`; `.` is the key separator here. */
const SECRET_NAME = /^[A-Za-z0-9/_+=@-]{1,512}$/;
/** A full secret ARN is also accepted as the secret id of a dynamic reference. */
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=@-]+$/;
const JSON_KEY = /^[^:{}.]+$/;

export type SecretReferenceResult =
  | { ok: true; value: string; secretName: string; jsonKey?: string }
  | { ok: false; message: string; expected: string };

/**
 * Builds the reference. `reference` is the directive's argument (`name` or `name.key`);
 * `trailingPath` is the `.key` written after the call (`$Secret('name').key`), if any.
 */
export function secretDynamicReference(reference: string, trailingPath: readonly string[] = []): SecretReferenceResult {
  const isArn = reference.startsWith('arn:');
  // An ARN has no '.', so the key separator rule stays unambiguous for both forms.
  const dot = reference.indexOf('.');
  const secretName = dot === -1 ? reference : reference.slice(0, dot);
  const keyInArg = dot === -1 ? undefined : reference.slice(dot + 1);
  const keys = [...(keyInArg === undefined ? [] : [keyInArg]), ...trailingPath];

  if (!(isArn ? SECRET_ARN.test(secretName) : SECRET_NAME.test(secretName))) {
    return {
      ok: false,
      message: `"${secretName}" is not a valid Secrets Manager secret name.`,
      expected: 'a secret name of letters, digits and /_+=@- (or a secret ARN), optionally followed by .jsonKey',
    };
  }
  if (keys.length > 1) {
    return {
      ok: false,
      message: `$Secret can read one top-level JSON key of a secret, but "${[secretName, ...keys].join('.')}" names a nested path.`,
      expected: `$Secret('${secretName}.${keys[0]}')`,
    };
  }
  const jsonKey = keys[0];
  if (jsonKey !== undefined && !JSON_KEY.test(jsonKey)) {
    return {
      ok: false,
      message: `"${jsonKey}" cannot be used as a JSON key in a dynamic reference.`,
      expected: 'a key without ":", "{", "}" or "."',
    };
  }
  const value =
    jsonKey === undefined
      ? `{{resolve:secretsmanager:${secretName}}}`
      : `{{resolve:secretsmanager:${secretName}:SecretString:${jsonKey}}}`;
  return jsonKey === undefined ? { ok: true, value, secretName } : { ok: true, value, secretName, jsonKey };
}

const DYNAMIC_SECRET = /\{\{resolve:(secretsmanager|ssm-secure):/;

/**
 * True when a CloudFormation value carries a secret dynamic reference anywhere inside it. Such a
 * value must not become a stack Output (outputs are readable by anyone who can describe the stack).
 */
export function containsSecretReference(value: unknown): boolean {
  if (typeof value === 'string') return DYNAMIC_SECRET.test(value);
  if (Array.isArray(value)) return value.some(containsSecretReference);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsSecretReference);
  return false;
}
