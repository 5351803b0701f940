/**
 * Referenceable params whose value carries a credential (a `$Secret` dynamic reference or the
 * password the user wrote). They may be injected into a workload's environment or used in a
 * resource property, but must never become a stack Output: outputs are readable by anyone who can
 * describe the stack, and CloudFormation resolves secret dynamic references only in resource
 * properties.
 */
export const SENSITIVE_REFERENCEABLE_PARAMS: Readonly<Record<string, readonly string[]>> = {
  'relational-database': [
    'connectionString',
    'jdbcConnectionString',
    'readerConnectionString',
    'readerJdbcConnectionString',
    'readReplicaConnectionStrings',
    'readReplicaJdbcConnectionStrings',
  ],
};

export function isSensitiveParam(resourceType: string, param: string): boolean {
  return SENSITIVE_REFERENCEABLE_PARAMS[resourceType]?.includes(param) ?? false;
}
