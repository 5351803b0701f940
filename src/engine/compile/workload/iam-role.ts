import type { CfnResource, CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';

export interface IamStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: CfnValue;
  Condition?: CfnValue;
}

/** An IAM role assumable by the given service principals, with one inline policy of `statements`. */
export function iamRole(opts: {
  servicePrincipals: string[];
  statements: IamStatement[];
  policyName: string;
  managedPolicyArns?: CfnValue[];
}): CfnResource {
  const properties: Record<string, CfnValue> = {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: [...opts.servicePrincipals].sort() },
          Action: 'sts:AssumeRole',
        },
      ],
    },
  };
  if (opts.managedPolicyArns && opts.managedPolicyArns.length > 0) properties.ManagedPolicyArns = opts.managedPolicyArns;
  if (opts.statements.length > 0) {
    properties.Policies = [
      { PolicyName: opts.policyName, PolicyDocument: { Version: '2012-10-17', Statement: opts.statements } },
    ];
  }
  return { Type: 'AWS::IAM::Role', Properties: properties };
}

/** `iamRoleStatements` of a workload, appended verbatim (Effect defaults to Allow, as in IAM). */
export function userRoleStatements(ctx: CompileContext, properties: Record<string, unknown>, at: ConfigPath): IamStatement[] {
  const raw = properties.iamRoleStatements;
  if (!Array.isArray(raw)) return [];
  return raw.map((s: Record<string, unknown>, i) => {
    const statement: IamStatement = {
      Effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      Action: Array.isArray(s.Action) ? (s.Action as string[]) : [],
      Resource: ctx.resolveValue(s.Resource, [...at, 'iamRoleStatements', i, 'Resource']),
    };
    if (typeof s.Sid === 'string') statement.Sid = s.Sid;
    if (s.Condition !== undefined) statement.Condition = ctx.resolveValue(s.Condition, [...at, 'iamRoleStatements', i, 'Condition']);
    return statement;
  });
}
