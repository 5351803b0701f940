import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../src/emulator/core/aws-error.js';
import { decodeQueryParams, encodeQueryError, encodeQueryResponse } from '../../../src/emulator/protocols/aws-query.js';

describe('decodeQueryParams', () => {
  it('separates Action and Version and nests the rest', () => {
    const params = new URLSearchParams(
      'Action=CreateChangeSet&Version=2010-05-15&StackName=s&Parameters.member.2.ParameterKey=B&Parameters.member.1.ParameterKey=A' +
        '&Parameters.member.1.ParameterValue=1&Capabilities.member.1=CAPABILITY_IAM&Tags.member.1.Key=k&Tags.member.1.Value=v' +
        '&RollbackConfiguration.MonitoringTimeInMinutes=5&Attrs.entry.1.key=x&Attrs.entry.1.value=y&Attrs.entry.2.key=z&Attrs.entry.2.value=w' +
        '&Flat.1=a&Flat.2=b&Empty=',
    );
    const decoded = decodeQueryParams(params);
    expect(decoded.action).toBe('CreateChangeSet');
    expect(decoded.version).toBe('2010-05-15');
    expect(decoded.input).toEqual({
      StackName: 's',
      Parameters: [{ ParameterKey: 'A', ParameterValue: '1' }, { ParameterKey: 'B' }],
      Capabilities: ['CAPABILITY_IAM'],
      Tags: [{ Key: 'k', Value: 'v' }],
      RollbackConfiguration: { MonitoringTimeInMinutes: '5' },
      Attrs: { x: 'y', z: 'w' },
      Flat: ['a', 'b'],
      Empty: '',
    });
  });

  it('orders members numerically (10 after 9)', () => {
    const params = new URLSearchParams();
    for (let i = 12; i >= 1; i--) params.append(`L.member.${i}`, String(i));
    expect(decodeQueryParams(params).input.L).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
  });

  it('lets members win over an earlier empty-list marker', () => {
    expect(decodeQueryParams(new URLSearchParams('L=&L.member.1=a')).input.L).toEqual(['a']);
  });
});

describe('encodeQueryResponse', () => {
  it('wraps the result, encodes lists as member, dates as ISO-8601 and empty lists as empty elements', () => {
    const response = encodeQueryResponse(
      'DescribeStacks',
      'http://cloudformation.amazonaws.com/doc/2010-05-15/',
      {
        Stacks: [{ StackName: 'a&b', CreationTime: new Date('2026-01-02T03:04:05.678Z'), Outputs: [], EnableTerminationProtection: false }],
        Map: new Map([['k', 'v']]),
        Missing: undefined,
      },
      'req-1',
    );
    expect(response.status).toBe(200);
    expect(response.body).toContain(
      '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult>' +
        '<Stacks><member><StackName>a&amp;b</StackName><CreationTime>2026-01-02T03:04:05.678Z</CreationTime><Outputs/>' +
        '<EnableTerminationProtection>false</EnableTerminationProtection></member></Stacks>' +
        '<Map><entry><key>k</key><value>v</value></entry></Map></DescribeStacksResult>' +
        '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></DescribeStacksResponse>',
    );
  });

  it('keeps the Result wrapper for empty outputs', () => {
    expect(encodeQueryResponse('ExecuteChangeSet', 'ns', {}, 'r').body).toContain('<ExecuteChangeSetResult></ExecuteChangeSetResult>');
  });
});

it('encodes errors as ErrorResponse with Type, Code, Message and RequestId', () => {
  const response = encodeQueryError(new AwsServiceError('ValidationError', 'Stack with id foo does not exist'), 'ns', 'r-2');
  expect(response.status).toBe(400);
  expect(response.body).toContain(
    '<ErrorResponse xmlns="ns"><Error><Type>Sender</Type><Code>ValidationError</Code>' +
      '<Message>Stack with id foo does not exist</Message></Error><RequestId>r-2</RequestId></ErrorResponse>',
  );
  expect(encodeQueryError(new AwsServiceError('InternalFailure', 'x', 500), 'ns', 'r').body).toContain('<Type>Receiver</Type>');
});
