import { DeleteParameterCommand, GetParameterCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientConfig, failure, startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
let ssm: SSMClient;
beforeEach(async () => {
  local = await startLocalCloud({ services: ['sts', 'ssm'] });
  ssm = new SSMClient(clientConfig(local.cloud.endpoint));
});
afterEach(async () => {
  ssm.destroy();
  await stopLocalCloud(local);
});

describe('SSM Parameter Store through the real SDK client', () => {
  it('puts and gets a String parameter with the recorded shape (ARN, DataType, Version, Tier)', async () => {
    expect(await ssm.send(new PutParameterCommand({ Name: '/app/db/host', Value: 'db.local', Type: 'String' }))).toMatchObject({ Version: 1, Tier: 'Standard' });
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/app/db/host' }));
    expect(Parameter).toMatchObject({
      Name: '/app/db/host',
      Type: 'String',
      Value: 'db.local',
      Version: 1,
      ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/host',
      DataType: 'text',
    });
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    await ssm.send(new PutParameterCommand({ Name: 'plain', Value: 'v', Type: 'String' }));
    const byArn = await ssm.send(new GetParameterCommand({ Name: 'arn:aws:ssm:us-east-1:000000000000:parameter/plain' }));
    expect(byArn.Parameter).toMatchObject({ Name: 'plain', ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/plain' });
  });

  it('refuses to overwrite without Overwrite, versions each overwrite, and reads old versions with name:version', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'flag', Value: 'one', Type: 'String' }));
    const refused = await failure(ssm.send(new PutParameterCommand({ Name: 'flag', Value: 'two', Type: 'String' })));
    expect([refused.name, refused.message]).toEqual(['ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.']);
    expect((await ssm.send(new PutParameterCommand({ Name: 'flag', Value: 'two', Overwrite: true }))).Version).toBe(2);
    expect((await ssm.send(new GetParameterCommand({ Name: 'flag' }))).Parameter).toMatchObject({ Value: 'two', Version: 2, Type: 'String' });
    expect((await ssm.send(new GetParameterCommand({ Name: 'flag:1' }))).Parameter).toMatchObject({ Value: 'one', Version: 1, Selector: ':1' });
    const noVersion = await failure(ssm.send(new GetParameterCommand({ Name: 'flag:7' })));
    expect(noVersion.name).toBe('ParameterVersionNotFound');
  });

  it('keeps SecureString values encrypted unless WithDecryption is asked for', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/app/token', Value: 'tok-123', Type: 'SecureString' }));
    const hidden = await ssm.send(new GetParameterCommand({ Name: '/app/token' }));
    expect(hidden.Parameter?.Type).toBe('SecureString');
    expect(hidden.Parameter?.Value).not.toContain('tok-123');
    expect(hidden.Parameter?.Value).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await ssm.send(new GetParameterCommand({ Name: '/app/token', WithDecryption: true }))).Parameter?.Value).toBe('tok-123');
  });

  it('GetParameters lists found and invalid names; DeleteParameter removes; missing ones are ParameterNotFound', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'list', Value: 'a,b', Type: 'StringList' }));
    const both = await ssm.send(new GetParametersCommand({ Names: ['list', 'ghost'] }));
    expect(both.Parameters?.map((parameter) => [parameter.Name, parameter.Type, parameter.Value])).toEqual([['list', 'StringList', 'a,b']]);
    expect(both.InvalidParameters).toEqual(['ghost']);
    await ssm.send(new DeleteParameterCommand({ Name: 'list' }));
    const gone = await failure(ssm.send(new GetParameterCommand({ Name: 'list' })));
    expect([gone.name, gone.$metadata?.httpStatusCode]).toEqual(['ParameterNotFound', 400]);
    expect((await failure(ssm.send(new DeleteParameterCommand({ Name: 'list' })))).name).toBe('ParameterNotFound');
  });

  it('validates names and a new parameter without a type as AWS does', async () => {
    expect((await failure(ssm.send(new PutParameterCommand({ Name: 'a/b', Value: 'x', Type: 'String' })))).message).toBe('Parameter name must be a fully qualified name.');
    expect((await failure(ssm.send(new PutParameterCommand({ Name: '/aws/x', Value: 'x', Type: 'String' })))).name).toBe('ValidationException');
    expect((await failure(ssm.send(new PutParameterCommand({ Name: 'untyped', Value: 'x' })))).name).toBe('ValidationException');
  });
});
