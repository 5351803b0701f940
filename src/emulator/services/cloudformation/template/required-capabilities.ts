import type { Template } from './template-types.js';

const NAME_PROPERTIES = ['RoleName', 'UserName', 'GroupName', 'ManagedPolicyName', 'InstanceProfileName'];

/** CAPABILITY_IAM / CAPABILITY_NAMED_IAM a template needs, as CloudFormation decides it. */
export function requiredCapabilities(template: Template): { capability?: 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM'; reason?: string } {
  const iam = Object.entries(template.Resources).filter(([, resource]) => resource.Type.startsWith('AWS::IAM::'));
  if (iam.length === 0) return {};
  const named = iam.some(([, resource]) => NAME_PROPERTIES.some((name) => resource.Properties?.[name] !== undefined));
  return {
    capability: named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM',
    reason: `The following resource(s) require capabilities: [${[...new Set(iam.map(([, resource]) => resource.Type))].join(', ')}]`,
  };
}
