import { parseDocument } from 'yaml';
import { cloudFormationYamlTags } from '../../../../cloudformation/yaml-tags.js';
import { AwsServiceError } from '../../../core/aws-error.js';
import type { Template } from './template-types.js';

/**
 * `line L, column C` as AWS's parser reports it: its column is one past Node's (recorded:
 * `{"this is invalid JSON"="bobbins"}` → line 1, column 25; Node says position 23).
 */
function jsonErrorLocation(body: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const before = body.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n') + 1;
  return `line ${line}, column ${column}`;
}

/**
 * Parses a template body, JSON or YAML. YAML short forms (`!Ref x`, `!GetAtt A.B`, `!Sub ...`)
 * become the long JSON forms (`{"Ref": "x"}`, `{"Fn::GetAtt": ["A","B"]}`), as CloudFormation does.
 */
export function parseTemplateBody(body: string): Template {
  const trimmed = body.trimStart();
  let parsed: unknown;
  if (trimmed.startsWith('{')) {
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new AwsServiceError('ValidationError', `Template format error: JSON not well-formed. (${jsonErrorLocation(body, (error as Error).message)})`);
    }
  } else {
    const doc = parseDocument(body, { customTags: [...cloudFormationYamlTags], uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new AwsServiceError('ValidationError', `Template format error: YAML not well-formed. (${doc.errors[0]!.message.split('\n')[0]})`);
    }
    parsed = doc.toJS({ maxAliasCount: 1000 });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsServiceError('ValidationError', 'Template format error: not a JSON or YAML object');
  }
  const template = parsed as Template;
  if (template.Resources === undefined || template.Resources === null) {
    throw new AwsServiceError('ValidationError', 'Template format error: At least one Resources member must be defined.');
  }
  // Recorded (LocalStack api/test_stacks test_linting_error_during_creation): `"Resources": ""`.
  if (typeof template.Resources !== 'object' || Array.isArray(template.Resources)) {
    throw new AwsServiceError('ValidationError', 'Template format error: Any Resources member must be an object.');
  }
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!/^[A-Za-z0-9]+$/.test(logicalId)) {
      throw new AwsServiceError('ValidationError', `Template format error: Resource name ${logicalId} is non alphanumeric.`);
    }
    if (resource !== null && (typeof resource !== 'object' || Array.isArray(resource))) {
      throw new AwsServiceError('ValidationError', 'Template format error: Any Resources member must be an object.');
    }
    if (resource === null || typeof resource.Type !== 'string') {
      throw new AwsServiceError('ValidationError', `Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member.`);
    }
  }
  return template;
}
