import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientConfig,
  createAwsClients,
  regionFromChain,
  createS3Client,
  redactSecrets,
  resolveEndpoint,
  secretSafeLogger,
} from '../../src/aws/client-factory.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

let server: Server;
let endpoint: string;
const seen: { method: string; url: string; host: string; auth: string }[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', auth: String(req.headers.authorization ?? '') });
    req.resume();
    req.on('end', () => {
      if (req.method === 'HEAD') {
        res.writeHead(200, { 'content-length': '3', etag: '"abc"' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          '<Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AIDA</UserId><Account>123456789012</Account>' +
          '</GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('client factory', () => {
  it('resolves the endpoint from the flag, then AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL', () => {
    const env = { AWS_ENDPOINT_URL: 'http://all:1', AWS_ENDPOINT_URL_S3: 'http://s3:2' };
    expect(resolveEndpoint({ endpoint: 'http://flag:3', env }, 's3')).toBe('http://flag:3');
    expect(resolveEndpoint({ env }, 's3')).toBe('http://s3:2');
    expect(resolveEndpoint({ env }, 'cloudformation')).toBe('http://all:1');
    expect(resolveEndpoint({ env: {} }, 'sts')).toBeUndefined();
  });

  it('configures adaptive retries, attempts, profile and region the same for every client', () => {
    const config = clientConfig({ region: 'eu-west-1', profile: 'work', maxAttempts: 7, env: {} }, 'ecs');
    expect(config).toMatchObject({ region: 'eu-west-1', profile: 'work', retryMode: 'adaptive', maxAttempts: 7 });
    expect(config).not.toHaveProperty('endpoint');
  });

  it('resolves credentials from a named profile through the SDK default chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stp-profile-'));
    const saved = { creds: process.env.AWS_SHARED_CREDENTIALS_FILE, config: process.env.AWS_CONFIG_FILE, id: process.env.AWS_ACCESS_KEY_ID };
    try {
      writeFileSync(join(dir, 'credentials'), '[default]\naws_access_key_id = AKIADEFAULT000000000\naws_secret_access_key = d\n[work]\naws_access_key_id = AKIAWORK0000000000000\naws_secret_access_key = w\n');
      writeFileSync(join(dir, 'config'), '[profile work]\nregion = ap-south-1\n');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      delete process.env.AWS_ACCESS_KEY_ID;
      const clients = createAwsClients({ region: 'eu-west-1', profile: 'work', env: {} });
      const resolved = await clients.sts.config.credentials();
      expect(resolved.accessKeyId).toBe('AKIAWORK0000000000000');
      clients.destroy();
    } finally {
      for (const [key, value] of [['AWS_SHARED_CREDENTIALS_FILE', saved.creds], ['AWS_CONFIG_FILE', saved.config], ['AWS_ACCESS_KEY_ID', saved.id]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends S3 requests path-style to a custom endpoint', async () => {
    const s3 = createS3Client({ region: 'eu-west-1', endpoint, credentials, env: {} });
    expect(s3.config.forcePathStyle).toBe(true);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'stp-assets-1-eu-west-1', Key: 'abc.zip' }));
    expect(head.ETag).toBe('"abc"');
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'HEAD', url: '/stp-assets-1-eu-west-1/abc.zip' });
    expect(request.host).toBe(new URL(endpoint).host);
    expect(request.auth).toContain('Credential=AKIAIOSFODNN7EXAMPLE/');
    s3.destroy();
  });

  it('does not force path style against real AWS', () => {
    const s3 = createS3Client({ region: 'eu-west-1', credentials, env: {} });
    expect(s3.config.forcePathStyle).toBe(false);
    s3.destroy();
  });

  it('creates clients lazily from one target and logs without secrets', async () => {
    const lines: string[] = [];
    const clients = createAwsClients({ region: 'us-east-1', endpoint, credentials, env: {}, log: (l) => lines.push(l) });
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(lines.join('\n')).toContain('GetCallerIdentityCommand');
    expect(lines.join('\n')).not.toContain(credentials.secretAccessKey);
    clients.destroy();
  });
});

describe('secret redaction for log lines', () => {
  it('redacts secret-named fields, keys and signatures, keeps the rest', () => {
    const redacted = redactSecrets({
      input: { StackName: 'app-dev', Parameters: [{ ParameterKey: 'DbPassword', ParameterValue: 'hunter2' }] },
      credentials,
      SessionToken: 'FwoGZXIvYXdzEXAMPLE',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/s3/aws4_request, Signature=abcdef' },
      url: 'https://b.s3.amazonaws.com/k?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA%2F&x=1',
      note: `leaked ${credentials.secretAccessKey} and AKIAIOSFODNN7EXAMPLE`,
    });
    const text = JSON.stringify(redacted);
    for (const secret of ['hunter2', credentials.secretAccessKey, 'AKIAIOSFODNN7EXAMPLE', 'FwoGZXIvYXdzEXAMPLE', 'abcdef', 'deadbeef']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('app-dev');
    expect(text).toContain('DbPassword');
    expect(text).toContain('x=1');
  });

  it('the SDK logger adapter applies it to strings and objects', () => {
    const lines: string[] = [];
    const logger = secretSafeLogger((l) => lines.push(l));
    logger.info({ secretAccessKey: 'abc123', commandName: 'X' });
    logger.debug(`key ${credentials.secretAccessKey}`);
    expect(lines).toEqual(['[aws-sdk info] {"secretAccessKey":"[redacted]","commandName":"X"}', '[aws-sdk debug] key [redacted]']);
  });
});

describe('client factory: user agent, warnings, EC2 and ELBv2', () => {
  it('names stp and its version in the user agent of every client', () => {
    expect(clientConfig({ env: {}, appVersion: '1.2.3' }, 'ec2').customUserAgent).toEqual([['stp', '1.2.3']]);
    expect(clientConfig({ env: {} }, 'elbv2').customUserAgent).toEqual([['stp', 'dev']]);
  });

  it('sends the user agent on the wire', async () => {
    const seenAgents: string[] = [];
    const agentServer = createServer((req, res) => {
      seenAgents.push(String(req.headers['x-amz-user-agent'] ?? req.headers['user-agent'] ?? ''));
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>');
      });
    });
    await new Promise<void>((resolve) => agentServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(agentServer.address() as AddressInfo).port}`;
    const clients = createAwsClients({ region: 'us-east-1', endpoint: url, credentials, env: {}, appVersion: '9.8.7' });
    await clients.sts.send(new GetCallerIdentityCommand({}));
    clients.destroy();
    await new Promise((resolve) => agentServer.close(resolve));
    expect(seenAgents[0]).toContain('stp/9.8.7');
  });

  it('routes SDK warnings to onWarning, redacted; failed-request errors and debug lines stay on log', () => {
    const lines: string[] = [];
    const warnings: string[] = [];
    const logger = secretSafeLogger((l) => lines.push(l), (w) => warnings.push(w));
    logger.warn(`region is deprecated, key ${credentials.accessKeyId}`);
    logger.debug('a debug line');
    logger.error('HeadObject 404');
    expect(warnings).toEqual(['region is deprecated, key [redacted-access-key]']);
    expect(lines).toEqual(['[aws-sdk debug] a debug line', '[aws-sdk error] HeadObject 404']);
  });

  it('resolves per-service endpoint variables for EC2 and ELBv2', () => {
    const env = { AWS_ENDPOINT_URL_EC2: 'http://ec2:1', AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://elb:2' };
    expect(resolveEndpoint({ env }, 'ec2')).toBe('http://ec2:1');
    expect(resolveEndpoint({ env }, 'elbv2')).toBe('http://elb:2');
    const clients = createAwsClients({ region: 'eu-west-1', env: {}, credentials });
    expect(clients.ec2.config.serviceId).toBe('EC2');
    expect(clients.elbv2.config.serviceId).toBe('Elastic Load Balancing v2');
    clients.destroy();
  });
});

describe('region from the profile', () => {
  it('regionFromChain reads the profile\'s region when no region is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stp-region-'));
    const saved = { config: process.env.AWS_CONFIG_FILE, region: process.env.AWS_REGION, def: process.env.AWS_DEFAULT_REGION };
    try {
      writeFileSync(join(dir, 'config'), '[profile work]\nregion = ap-south-1\n[default]\nregion = eu-north-1\n');
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      delete process.env.AWS_REGION;
      delete process.env.AWS_DEFAULT_REGION;
      expect(await regionFromChain({ profile: 'work', region: 'us-east-1', env: {}, credentials })).toBe('ap-south-1');
      expect(await regionFromChain({ env: {}, credentials })).toBe('eu-north-1');
    } finally {
      for (const [key, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_REGION', saved.region], ['AWS_DEFAULT_REGION', saved.def]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
