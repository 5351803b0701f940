/** A custom resource: `Custom::Anything` or `AWS::CloudFormation::CustomResource`. */
export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}
