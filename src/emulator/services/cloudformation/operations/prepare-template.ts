import { AwsServiceError } from '../../../core/aws-error.js';
import { UnsupportedOperationError } from '../../../core/unsupported-operation.js';
import type { CloudFormationRuntime } from '../cloudformation-runtime.js';
import type { DeployedTemplate, StackRecord } from '../stack/stack-model.js';
import { dynamicReferencesIn, parseDynamicReference } from '../template/dynamic-references.js';
import { parseTemplateBody } from '../template/parse-template.js';
import { requiredCapabilities } from '../template/required-capabilities.js';
import { resolveParameters, type SuppliedParameter } from '../template/resolve-parameters.js';
import { templateBodyFrom } from '../template/template-source.js';
import { validateReferences } from '../template/validate-references.js';
import { validateStructure } from '../template/validate-structure.js';
import { listInput, optionalString, booleanInput } from './query-input.js';

/**
 * The template and parameters of a CreateChangeSet/CreateStack/UpdateStack request, parsed and
 * validated as CloudFormation does before anything else happens.
 */
export function prepareTemplate(
  runtime: CloudFormationRuntime,
  input: Record<string, unknown>,
  stack: StackRecord | undefined,
): { target: DeployedTemplate; capabilities: string[]; supplied: SuppliedParameter[] } {
  let body = templateBodyFrom({ TemplateBody: optionalString(input, 'TemplateBody'), TemplateURL: optionalString(input, 'TemplateURL') }, runtime.deps.s3);
  if (body === undefined && booleanInput(input, 'UsePreviousTemplate')) {
    if (!stack?.deployed) throw new AwsServiceError('ValidationError', 'UsePreviousTemplate can only be used with an existing stack that has a template');
    body = stack.deployed.body;
  }
  if (body === undefined) {
    throw new AwsServiceError('ValidationError', 'Either Template URL or Template Body must be specified.');
  }
  const template = parseTemplateBody(body);
  if (template.Transform !== undefined) {
    throw new UnsupportedOperationError('cloudformation', 'CreateChangeSet', `template Transform ${JSON.stringify(template.Transform)}`);
  }
  validateStructure(template);
  validateReferences(template);
  // Malformed `{{resolve:…}}` written in the template are refused up front (built ones fail their resource).
  // (One still holding a Fn::Sub variable is checked once resolved, when its resource is provisioned.)
  for (const reference of dynamicReferencesIn(template.Resources)) if (!reference.includes('${')) parseDynamicReference(reference);
  const supplied = listInput<SuppliedParameter>(input, 'Parameters').map((parameter) => ({
    ParameterKey: parameter.ParameterKey,
    ParameterValue: parameter.ParameterValue,
    UsePreviousValue: String(parameter.UsePreviousValue) === 'true',
  }));
  const resolved = resolveParameters(template, supplied, stack?.deployed?.parameterValues ?? {});
  const capabilities = listInput<string>(input, 'Capabilities');
  const required = requiredCapabilities(template);
  if (required.capability && !capabilities.includes(required.capability) && !(required.capability === 'CAPABILITY_IAM' && capabilities.includes('CAPABILITY_NAMED_IAM'))) {
    throw new AwsServiceError('InsufficientCapabilitiesException', `Requires capabilities : [${required.capability}]`);
  }
  return {
    target: { body, template, parameterValues: resolved.raw, parameters: resolved.described },
    capabilities,
    supplied,
  };
}
