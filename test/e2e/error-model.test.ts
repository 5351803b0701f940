/**
 * Every failure listed in issue 7 item 2, walked through the built `stp` binary: each ends with
 * its own sentence and fix and the exit code of its kind, and none asks to be reported as a bug.
 * AWS answers come from a stub HTTP endpoint speaking the real wire formats (--endpoint-url).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stpBin } from '../support/run-stp.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'stp-errors-'));
const home = path.join(scratch, 'home');
mkdirSync(home);
const project = path.join(scratch, 'project');
mkdirSync(project);
writeFileSync(
  path.join(project, 'stacktape.yml'),
  'serviceName: errs\nresources:\n  hello:\n    type: function\n    properties:\n      packaging:\n        type: stacktape-lambda-buildpack\n        properties:\n          entryfilePath: ./hello.js\n',
);
writeFileSync(path.join(project, 'hello.js'), 'export default async () => ({ ok: true });\n');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The binary with a clean environment: no credentials, no profile, no metadata service. */
function stp(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [stpBin, ...args], {
      cwd: options.cwd ?? project,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        NO_COLOR: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: path.join(home, 'aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'aws-credentials'),
        AWS_REGION: 'us-east-1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

function expectNoBugReport(run: Run): void {
  expect(run.stderr).not.toContain('please report');
  expect(run.stderr).not.toContain('failed unexpectedly');
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** A stub AWS endpoint: STS GetCallerIdentity answers per `sts`; S3 bucket calls per `bucket`. */
type StubMode = { sts: 'ok' | 'expired'; bucket: 'forbidden' | 'taken' };
let stubMode: StubMode = { sts: 'ok', bucket: 'forbidden' };
let stub: Server;
let stubUrl = '';

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'stub-1', 'x-amz-request-id': 'stub-1' });
  res.end(body);
}

function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
  if (req.method === 'POST' && body.includes('Action=GetCallerIdentity')) {
    if (stubMode.sts === 'expired') {
      return answer(
        res,
        403,
        '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>stub-1</RequestId></ErrorResponse>',
      );
    }
    return answer(
      res,
      200,
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/dev</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>stub-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    );
  }
  if (req.url?.startsWith('/stp-assets-111122223333-us-east-1')) {
    if (req.method === 'HEAD') {
      res.writeHead(stubMode.bucket === 'forbidden' ? 403 : 404, { 'x-amz-request-id': 'stub-1' });
      return void res.end();
    }
    if (req.method === 'PUT') {
      return answer(
        res,
        409,
        '<Error><Code>BucketAlreadyExists</Code><Message>The requested bucket name is not available.</Message><BucketName>stp-assets-111122223333-us-east-1</BucketName><RequestId>stub-1</RequestId></Error>',
      );
    }
  }
  answer(res, 500, '<Error><Code>InternalError</Code><Message>stub: unexpected request</Message></Error>');
}

beforeAll(async () => {
  stub = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => stub.close(() => resolve())));

/** A port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('stp explains every failure it can, and only bugs ask to be reported', () => {
  it('missing credentials: exit 1 with how to provide them', async () => {
    const run = await stp(['compile', '--upload']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error no AWS credentials found\n' +
        'fix   Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with --profile (or AWS_PROFILE), or use --local for the embedded local cloud.\n',
    );
    expectNoBugReport(run);
  });

  it('a --profile that is not in the AWS files: exit 1 naming the files and the profiles there', async () => {
    writeFileSync(path.join(home, 'aws-config'), '[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n');
    writeFileSync(path.join(home, 'aws-credentials'), '[ci]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n');
    try {
      const run = await stp(['compile', '--upload', '--profile', 'prod']);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `error the AWS profile "prod" (--profile) is not in ${path.join(home, 'aws-config')} or ${path.join(home, 'aws-credentials')}\n` +
          'fix   Use one of the profiles there (ci, default, dev), or create it with `aws configure --profile prod`.\n',
      );
      expectNoBugReport(run);
      const viaEnv = await stp(['compile', '--upload'], { env: { AWS_PROFILE: 'prod' } });
      expect(viaEnv.code).toBe(1);
      expect(viaEnv.stderr).toContain('error the AWS profile "prod" (AWS_PROFILE) is not in');
    } finally {
      rmSync(path.join(home, 'aws-config'));
      rmSync(path.join(home, 'aws-credentials'));
    }
  });

  it('an endpoint that refuses connections: exit 1 naming it', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const run = await stp(['compile', '--upload', '--endpoint-url', endpoint], { env: KEYS });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error cannot reach ${endpoint} (--endpoint-url): the connection was refused (ECONNREFUSED)\n` +
        `fix   Start the service at ${endpoint} (for the local cloud: \`stp local\`), or point stp elsewhere with --endpoint-url / AWS_ENDPOINT_URL.\n`,
    );
    expectNoBugReport(run);
  });

  it('an endpoint whose host does not resolve: exit 1 naming it', async () => {
    const endpoint = 'http://stp-no-such-host.invalid:4566';
    const run = await stp(['compile', '--upload'], { env: { ...KEYS, AWS_ENDPOINT_URL: endpoint } });
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toMatch(
      /^error cannot reach http:\/\/stp-no-such-host\.invalid:4566 \(AWS_ENDPOINT_URL\): the host name (does not resolve \(ENOTFOUND\)|could not be resolved \(DNS\) \(EAI_AGAIN\))$/,
    );
    expectNoBugReport(run);
  });

  it('expired credentials: exit 1 saying to refresh them', async () => {
    stubMode = { sts: 'expired', bucket: 'forbidden' };
    const run = await stp(['compile', '--upload', '--endpoint-url', stubUrl], { env: KEYS });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error the AWS credentials have expired (ExpiredToken)\nfix   Refresh them: `aws sso login`, or export a new session token.\n');
    expectNoBugReport(run);
  });

  it('an assets bucket this identity cannot access (403): the written message, exit 1', async () => {
    stubMode = { sts: 'ok', bucket: 'forbidden' };
    const run = await stp(['compile', '--upload', '--endpoint-url', stubUrl], { env: KEYS });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error The assets bucket "stp-assets-111122223333-us-east-1" is not owned by your account 111122223333, or this identity may not use it: S3 refused a request that names 111122223333 as the expected bucket owner. Uploading there would give your function code to whoever owns the bucket, so nothing was uploaded.\n' +
        'fix   Pass --assets-bucket NAME with a bucket your account owns (stp creates it if it does not exist yet), or grant this identity s3:ListBucket, s3:GetObject and s3:PutObject on stp-assets-111122223333-us-east-1 if it is yours.\n',
    );
    expectNoBugReport(run);
  });

  it('an assets bucket name taken by another account (BucketAlreadyExists): the written message, exit 1', async () => {
    stubMode = { sts: 'ok', bucket: 'taken' };
    const run = await stp(['compile', '--upload', '--endpoint-url', stubUrl], { env: KEYS });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error The assets bucket name "stp-assets-111122223333-us-east-1" is taken by another AWS account (bucket names are global), so stp cannot create it for your account 111122223333. Nothing was uploaded.\n' +
        'fix   Pass --assets-bucket NAME with a bucket your account owns, or a free name for stp to create.\n',
    );
    expectNoBugReport(run);
  });

  it('stp local on a port in use: exit 1 naming the port', async () => {
    const busy = createNetServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const run = await stp(['local', '--port', String(port)], { cwd: mkdtempSync(path.join(scratch, 'port-')) });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `error port ${port} on 127.0.0.1 is already in use\n` +
          'fix   Pick another with --port, or --port 0 for a free one (another `stp local` or LocalStack may hold this one).\n',
      );
      expectNoBugReport(run);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });

  it('a bad STP_LOCAL_FAULTS: exit 2 with the mistake', async () => {
    const run = await stp(['local', '--port', '0'], { cwd: mkdtempSync(path.join(scratch, 'faults-')), env: { STP_LOCAL_FAULTS: '{"rules":[{"type":"explode"}]}' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error Invalid fault rules (STP_LOCAL_FAULTS, rules[0]): unknown "type" "explode" (expected throttle, error, latency, drop, fail-resource, crash-container, fail-hook or slow-steady-state)\n' +
        'fix   Fix the rules (their shape is in src/emulator/faults/fault-rules.ts and src/emulator/README.md), or unset STP_LOCAL_FAULTS.\n',
    );
    expectNoBugReport(run);
  });

  it('a bad STP_LOCAL_TIME_SCALE: exit 2 with the value', async () => {
    const run = await stp(['local', '--port', '0'], { cwd: mkdtempSync(path.join(scratch, 'scale-')), env: { STP_LOCAL_TIME_SCALE: 'fast' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error STP_LOCAL_TIME_SCALE must be a positive number, got "fast"\n' +
        'fix   Set it to a positive number (60 makes a minute pass in a second), or unset it for real time.\n',
    );
    expectNoBugReport(run);
  });

  it('a corrupt local state file: exit 1 naming the file, which is left as it was', async () => {
    const dir = mkdtempSync(path.join(scratch, 'corrupt-'));
    const stateFile = path.join(dir, '.stp', 'local', 'state.json');
    mkdirSync(path.dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, '{ "format": "stp-local-state", torn');
    const run = await stp(['local', '--port', '0'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error the local cloud state file ${stateFile} is not valid JSON (Expected double-quoted property name in JSON at position 31); it was left as it is\n` +
        `fix   Move it aside (mv ${stateFile} ${stateFile}.broken) to start from an empty local cloud, or restore it from a backup.\n`,
    );
    expect(readFileSync(stateFile, 'utf8')).toBe('{ "format": "stp-local-state", torn');
    expectNoBugReport(run);
  });

  it('code that does not bundle: exit 2, the user\'s to fix', async () => {
    const dir = mkdtempSync(path.join(scratch, 'bundle-'));
    writeFileSync(path.join(dir, 'stacktape.yml'), readFileSync(path.join(project, 'stacktape.yml'), 'utf8'));
    const run = await stp(['compile'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error STP_PACKAGE_BUNDLE_FAILED  Packaging the code of "hello" failed: The entry file "hello.js" does not exist (in ${dir}).`);
    expectNoBugReport(run);
  });

  it('an --out path that cannot be written: exit 1 naming it', async () => {
    const out = path.join(scratch, 'no-such-folder', 'template.json');
    const run = await stp(['compile', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error cannot open ${out}: no such file or folder (ENOENT)\nfix   Check that the path exists and that you may read or write it.\n`);
    expectNoBugReport(run);
  });

  it('--debug shows the cause chain of an explained failure', async () => {
    const run = await stp(['compile', '--upload', '--debug']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error no AWS credentials found\n');
    expect(run.stderr).toContain('      (STP_AWS_CREDENTIALS_MISSING, kind environment, exit 1)\n');
    expect(run.stderr).toContain('cause Could not load credentials from any providers\n');
    expect(run.stderr).not.toContain('please report');
  });
});
