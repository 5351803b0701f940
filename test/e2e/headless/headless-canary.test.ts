/**
 * The canary example headless (config/examples/canary-workload, time scale 60): an image change
 * goes out as a 10 % / 5 minute canary, and `stp deploy --json` reports it — the plain lines on
 * stderr show the plan, each stage change and traffic split step as a line, the hooks, and the
 * state at the end; stdout's NDJSON has the same steps in the pinned shape.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deployBlocks } from '../../support/headless-lines.js';
import { contractViolations, type Golden } from '../../support/ndjson-shape.js';
import { repoRoot, runStp } from '../../support/run-stp.js';
import { copyExample, editFile } from '../../integration/examples/example-deployer.js';

const golden = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'golden', 'ndjson-contract.json'), 'utf8')) as Golden;
const example = copyExample('canary-workload');
// No "still working" lines (a minute of silence by default): the lines compared here are exact.
const env = { STP_LOCAL_TIME_SCALE: '60', CI: 'true', STP_CI_HEARTBEAT_S: '0' };
const stp = (...args: string[]) => runStp([...args, '--local', '--region', 'eu-west-1'], { cwd: example.dir, env });

beforeAll(async () => {
  const created = await stp('deploy', '--ci');
  if (created.code !== 0) throw new Error(created.stdout + created.stderr);
}, 180_000);
afterAll(() => example.remove());

it('an image change: the plan, the canary steps 100/0 → 90/10 (bake) → 0/100 as lines and events, exit 0', async () => {
  editFile(example.configFile, (t) => t.replace('public.ecr.aws/nginx/nginx:1.27-alpine', 'public.ecr.aws/nginx/nginx:1.28-alpine'));
  const run = await stp('deploy', '--json');
  expect(run.code, run.stderr).toBe(0);

  const { head, watch, tail } = deployBlocks(run.stderr);
  expect(head).toEqual([
    'HH:MM:SS stp deploy shop-web-dev · stage dev · eu-west-1 · the local cloud (http://127.0.0.1:PORT, in this process, state in .stp/local)',
    'HH:MM:SS ▸ resolve',
    'HH:MM:SS ▸ package',
    'HH:MM:SS ▸ check',
    'HH:MM:SS ▸ change-set',
    'HH:MM:SS ▸ classify',
    'HH:MM:SS Plan (update): 0 to add, 1 to modify, 1 to replace, 2 may replace, 0 to remove',
    'HH:MM:SS     resource  logical id           type                                      change       details',
    'HH:MM:SS   ? web       WebCpuScalingPolicy  AWS::ApplicationAutoScaling::ScalingPolicy  may replace  Properties.ScalingTargetId (Always, dynamic)',
    'HH:MM:SS   ? web       WebScalableTarget    AWS::ApplicationAutoScaling::ScalableTarget  may replace  Properties.ResourceId (Always, dynamic)',
    'HH:MM:SS   ~ web       WebService           AWS::ECS::Service                         modify       Properties.TaskDefinition',
    'HH:MM:SS   ± web       WebTaskDefinition    AWS::ECS::TaskDefinition                  replace      Properties.ContainerDefinitions (Always)',
    'HH:MM:SS ▸ gate',
    'HH:MM:SS ▸ execute',
    'HH:MM:SS ▸ watch',
  ]);
  // The resource lines (the order of lines is compared below, where it is fixed).
  expect(watch.filter((l) => l.includes('/Web'))).toEqual([
    'HH:MM:SS   web/WebService UPDATE_COMPLETE',
    'HH:MM:SS   web/WebService UPDATE_IN_PROGRESS',
    'HH:MM:SS   web/WebTaskDefinition DELETE_COMPLETE',
    'HH:MM:SS   web/WebTaskDefinition DELETE_IN_PROGRESS',
    'HH:MM:SS   web/WebTaskDefinition UPDATE_COMPLETE',
    'HH:MM:SS   web/WebTaskDefinition UPDATE_IN_PROGRESS — Requested update requires the creation of a new physical resource; hence creating one.',
  ]);
  expect(tail).toEqual([
    'HH:MM:SS Outputs:',
    'HH:MM:SS   CheckAfterShiftArn             arn:aws:lambda:eu-west-1:000000000000:function:shop-web-dev-checkAfterShift',
    'HH:MM:SS   CheckAfterShiftLogGroupArn     arn:aws:logs:eu-west-1:000000000000:log-group:/aws/lambda/shop-web-dev-checkAfterShift:*',
    'HH:MM:SS   CheckBeforeTrafficArn          arn:aws:lambda:eu-west-1:000000000000:function:shop-web-dev-checkBeforeTraffic',
    'HH:MM:SS   CheckBeforeTrafficLogGroupArn  arn:aws:logs:eu-west-1:000000000000:log-group:/aws/lambda/shop-web-dev-checkBeforeTraffic:*',
    expect.stringMatching(/^HH:MM:SS {3}LoadBalancerDomain {13}shop-web--LoadBalan-[A-Z0-9]+-[0-9a-f]+\.eu-west-1\.elb\.amazonaws\.com$/),
    'HH:MM:SS Plan: 1 to modify, 1 to replace, 2 may replace (4 changes)',
    'HH:MM:SS ✓ deployed shop-web-dev (UPDATE_COMPLETE) in DURATION',
  ]);

  // The ECS lines in the order they came: which in-between stages a poll catches varies, the
  // traffic steps and where they start and end do not.
  const ecsLines = run.stderr.split('\n').filter((l) => / web ecs /.test(l)).map((l) => l.slice(9));
  const splits = ecsLines.map((l) => /traffic (\d+)% old \/ (\d+)% new/.exec(l)!.slice(1).join('/')).filter((w, i, all) => w !== all[i - 1]);
  expect(splits).toEqual(['100/0', '90/10', '0/100']);
  expect(ecsLines).toContain('  web ecs IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT · traffic 90% old / 10% new · bake 300s');
  expect(ecsLines.at(-1)).toBe('  web ecs SUCCESSFUL CLEAN_UP · traffic 0% old / 100% new');
  // The canary's two hook functions ran. ECS lists a hook only while its stage runs, so whether a
  // poll catches it IN_PROGRESS depends on how fast the hook answers; the hook line, when there is
  // one, has this form, and the functions' own logs say that each ran.
  for (const line of ecsLines.filter((l) => l.includes('lambda hook'))) {
    expect(line).toMatch(/^ {2}web ecs IN_PROGRESS POST_(TEST|PRODUCTION)_TRAFFIC_SHIFT · traffic \d+% old \/ \d+% new · lambda hook shop-web-dev-check(BeforeTraffic|AfterShift)-ecs-hook [A-Z_]+$/);
  }
  for (const hook of ['checkBeforeTraffic', 'checkAfterShift']) {
    const logs = await stp('logs', hook, '--ci', '--since', '1h');
    expect(logs.code, logs.stderr).toBe(0);
    // stp logs shows what the function printed (each hook logs the request it checked).
    expect(logs.stdout).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z {2}\S/m);
  }

  const events = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown> & { type: string });
  expect(contractViolations(events, golden)).toEqual([]);
  const deployments = events.filter((e) => e.type === 'ecs.deployment') as unknown as { stage: string; status: string; weights: { source: number; target: number }; weightsFrom: string }[];
  expect(deployments.every((d) => d.weightsFrom === 'listener-rule')).toBe(true);
  expect(deployments.at(-1)).toMatchObject({ status: 'SUCCESSFUL', stage: 'CLEAN_UP', weights: { source: 0, target: 100 } });
  expect(events.at(-1)).toMatchObject({ type: 'result', outcome: 'succeeded', exitCode: 0, stackStatus: 'UPDATE_COMPLETE' });
}, 180_000);
