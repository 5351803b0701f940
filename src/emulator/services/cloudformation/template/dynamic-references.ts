/**
 * Dynamic references (`{{resolve:ssm:/name}}`, `{{resolve:secretsmanager:id:SecretString:key}}`).
 * The emulator has no SSM or Secrets Manager store in part 1, so unless a resolver is given the
 * reference stays the opaque string the template wrote — change sets show it as written, which is
 * also what CloudFormation shows (it never resolves them in a change set).
 */
const DYNAMIC_REFERENCE = /\{\{resolve:(ssm|ssm-secure|secretsmanager):[^}]+\}\}/g;

export function isDynamicReference(value: string): boolean {
  return value.includes('{{resolve:');
}

export function resolveDynamicReferences(value: string, resolver?: (reference: string) => string | undefined): string {
  if (!resolver) return value;
  return value.replace(DYNAMIC_REFERENCE, (reference) => resolver(reference) ?? reference);
}
