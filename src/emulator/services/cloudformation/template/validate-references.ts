import { AwsServiceError } from '../../../core/aws-error.js';
import { collectReferences } from './collect-references.js';
import { isPseudoParameter } from './pseudo-parameters.js';
import type { Template } from './template-types.js';

/** Rejects Refs/GetAtts/Subs to names the template does not define, with CloudFormation's texts. */
export function validateReferences(template: Template): void {
  const resources = new Set(Object.keys(template.Resources));
  const parameters = new Set(Object.keys(template.Parameters ?? {}));
  const conditions = new Set(Object.keys(template.Conditions ?? {}));
  const unresolved = new Set<string>();
  const check = (value: unknown) => {
    const refs = collectReferences(value);
    for (const ref of refs.refs) {
      if (!resources.has(ref) && !parameters.has(ref) && !isPseudoParameter(ref)) unresolved.add(ref);
    }
    for (const attr of refs.attributes) {
      const id = attr.slice(0, attr.indexOf('.'));
      if (!resources.has(id)) {
        throw new AwsServiceError('ValidationError', `Template error: instance of Fn::GetAtt references undefined resource ${id}`);
      }
    }
    for (const condition of refs.conditions) {
      if (!conditions.has(condition)) {
        throw new AwsServiceError('ValidationError', `Template error: unresolved condition dependency ${condition} in Fn::If`);
      }
    }
  };
  for (const resource of Object.values(template.Resources)) {
    check(resource.Properties ?? {});
    if (resource.Condition !== undefined && !conditions.has(resource.Condition)) {
      throw new AwsServiceError('ValidationError', `Template format error: Unresolved dependencies [${resource.Condition}]. Cannot reference resources in the Conditions block of the template`);
    }
  }
  for (const output of Object.values(template.Outputs ?? {})) check(output);
  if (unresolved.size > 0) {
    throw new AwsServiceError('ValidationError', `Template format error: Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Resources block of the template`);
  }
}
