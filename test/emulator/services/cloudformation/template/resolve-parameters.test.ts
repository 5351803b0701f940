import { describe, expect, it } from 'vitest';
import { resolveParameters } from '../../../../../src/emulator/services/cloudformation/template/resolve-parameters.js';
import type { Template } from '../../../../../src/emulator/services/cloudformation/template/template-types.js';

const template: Template = {
  Parameters: {
    Stage: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] },
    Password: { Type: 'String', NoEcho: true },
    Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-a, subnet-b' },
    Vpc: { Type: 'AWS::EC2::VPC::Id', Default: 'vpc-1' },
    Count: { Type: 'Number', Default: 2, MinValue: 1, MaxValue: 5 },
  },
  Resources: {},
};

describe('resolveParameters', () => {
  it('applies defaults, masks NoEcho values and splits list types', () => {
    const resolved = resolveParameters(template, [{ ParameterKey: 'Password', ParameterValue: 's3cret' }]);
    expect(resolved.values.get('Subnets')).toEqual(['subnet-a', 'subnet-b']);
    expect(resolved.values.get('Vpc')).toBe('vpc-1');
    expect(resolved.raw.Password).toBe('s3cret');
    expect(resolved.described).toContainEqual({ ParameterKey: 'Password', ParameterValue: '****' });
    expect(JSON.stringify(resolved.described)).not.toContain('s3cret');
  });

  it('reuses previous values on UsePreviousValue', () => {
    const resolved = resolveParameters(template, [{ ParameterKey: 'Password', UsePreviousValue: true }], { Password: 'old' });
    expect(resolved.raw.Password).toBe('old');
  });

  it('rejects missing, unknown, disallowed and out-of-range values with CloudFormation texts', () => {
    expect(() => resolveParameters(template, [])).toThrow('Parameters: [Password] must have values');
    expect(() => resolveParameters(template, [{ ParameterKey: 'Password', ParameterValue: 'x' }, { ParameterKey: 'Nope', ParameterValue: 'y' }])).toThrow(
      'Parameters: [Nope] do not exist in the template',
    );
    expect(() => resolveParameters(template, [{ ParameterKey: 'Password', ParameterValue: 'x' }, { ParameterKey: 'Stage', ParameterValue: 'qa' }])).toThrow(
      "Parameter 'Stage' must be one of AllowedValues",
    );
    expect(() => resolveParameters(template, [{ ParameterKey: 'Password', ParameterValue: 'x' }, { ParameterKey: 'Count', ParameterValue: '9' }])).toThrow(
      "Parameter 'Count' must be a number not greater than 5",
    );
  });
});
