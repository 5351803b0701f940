// A 10-service stack's canary update on the local cloud at time scale 60 (issue 9's benchmark):
// ten ECS services behind one ALB, each released as a 10 % / 5 minute canary by one stack update,
// while a client polls every service each second the way a console does (DescribeServices,
// DescribeServiceDeployments, DescribeRules). The local cloud runs in a child process so its CPU
// time is its own. Prints the update's wall time, the local cloud's CPU time and share, and the
// polls made. Figures only; not a test.
//
//   node bench/emulator-ecs-canary.mjs        (BENCH_TIME_SCALE=60, BENCH_SERVICES=10 by default)
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importSource } from './support/import-source.mjs';

const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 60);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 10);

if (process.argv[2] === 'child') {
  // The local cloud's process: start, report the endpoint, answer CPU-time questions.
  const m = await importSource('emulator-ecs-canary-child', ["export { startEmulator } from './src/emulator/start-emulator.ts';"]);
  const stateDir = process.argv[3];
  const cloud = await m.startEmulator({ port: 0, stateDir, timeScale: TIME_SCALE, env: {}, log: () => {} });
  process.send({ endpoint: cloud.endpoint });
  process.on('message', async (message) => {
    if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
    if (message === 'stop') {
      await cloud.stop();
      process.exit(0);
    }
  });
} else {
  const sdk = await importSource('emulator-ecs-canary-sdk', [
    "export { CloudFormationClient, CreateStackCommand, UpdateStackCommand, DescribeStacksCommand, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';",
    "export { ECSClient, DescribeServicesCommand, DescribeServiceDeploymentsCommand } from '@aws-sdk/client-ecs';",
    "export { ElasticLoadBalancingV2Client, DescribeRulesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';",
  ]);
  const stateDir = mkdtempSync(path.join(tmpdir(), 'stp-bench-ecs-'));
  const child = fork(new URL(import.meta.url).pathname, ['child', stateDir], { stdio: 'inherit' });
  const ask = (message, key) =>
    new Promise((resolve) => {
      const on = (reply) => {
        if (reply[key] === undefined) return;
        child.off('message', on);
        resolve(reply[key]);
      };
      child.on('message', on);
      if (message) child.send(message);
    });
  const endpoint = await ask(undefined, 'endpoint');
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const cfn = new sdk.CloudFormationClient(config);
  const ecs = new sdk.ECSClient(config);
  const elbv2 = new sdk.ElasticLoadBalancingV2Client(config);

  const template = (image) => {
    const resources = {
      Cluster: { Type: 'AWS::ECS::Cluster', Properties: { ClusterName: 'bench' } },
      Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Name: 'bench-alb' } },
      Prod: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'Alb' }, Port: 80, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] } },
      Test: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'Alb' }, Port: 8080, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] } },
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } },
    };
    for (let i = 1; i <= SERVICES; i++) {
      const forward = { Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: { Ref: `Blue${i}` }, Weight: 100 }, { TargetGroupArn: { Ref: `Green${i}` }, Weight: 0 }] } };
      const condition = [{ Field: 'path-pattern', PathPatternConfig: { Values: [`/s${i}/*`] } }];
      Object.assign(resources, {
        [`Task${i}`]: { Type: 'AWS::ECS::TaskDefinition', Properties: { Family: `bench-${i}`, ContainerDefinitions: [{ Name: 'app', Image: image, Essential: true, PortMappings: [{ ContainerPort: 80 }] }] } },
        [`Blue${i}`]: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 80, Protocol: 'HTTP', TargetType: 'ip' } },
        [`Green${i}`]: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 80, Protocol: 'HTTP', TargetType: 'ip' } },
        [`ProdRule${i}`]: { Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: { ListenerArn: { Ref: 'Prod' }, Priority: i, Conditions: condition, Actions: [forward] } },
        [`TestRule${i}`]: { Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: { ListenerArn: { Ref: 'Test' }, Priority: i, Conditions: condition, Actions: [forward] } },
        [`Service${i}`]: {
          Type: 'AWS::ECS::Service',
          Properties: {
            ServiceName: `svc-${i}`,
            Cluster: { Ref: 'Cluster' },
            TaskDefinition: { Ref: `Task${i}` },
            DesiredCount: 2,
            DeploymentConfiguration: { Strategy: 'CANARY', CanaryConfiguration: { CanaryPercent: 10, CanaryBakeTimeInMinutes: 5 }, BakeTimeInMinutes: 0 },
            LoadBalancers: [{ ContainerName: 'app', ContainerPort: 80, TargetGroupArn: { Ref: `Blue${i}` }, AdvancedConfiguration: { AlternateTargetGroupArn: { Ref: `Green${i}` }, ProductionListenerRule: { Ref: `ProdRule${i}` }, TestListenerRule: { Ref: `TestRule${i}` }, RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] } } }],
          },
        },
      });
    }
    return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources });
  };

  const settle = async () => {
    for (;;) {
      const { Stacks } = await cfn.send(new sdk.DescribeStacksCommand({ StackName: 'bench' }));
      const status = Stacks[0].StackStatus;
      if (!status.endsWith('_IN_PROGRESS')) return status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  await cfn.send(new sdk.CreateStackCommand({ StackName: 'bench', TemplateBody: template('app:v1'), Capabilities: ['CAPABILITY_IAM'] }));
  console.log(`create: ${await settle()}`);
  const { StackResources } = await cfn.send(new sdk.DescribeStackResourcesCommand({ StackName: 'bench' }));
  const ruleArns = StackResources.filter((r) => r.LogicalResourceId.startsWith('ProdRule')).map((r) => r.PhysicalResourceId);
  const serviceNames = Array.from({ length: SERVICES }, (_, i) => `svc-${i + 1}`);

  let polls = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const tick = Date.now();
      const { services } = await ecs.send(new sdk.DescribeServicesCommand({ cluster: 'bench', services: serviceNames }));
      await ecs.send(new sdk.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: services.map((s) => s.currentServiceDeployment) }));
      await elbv2.send(new sdk.DescribeRulesCommand({ RuleArns: ruleArns }));
      polls += 3;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - tick))));
    }
  })();

  const cpuBefore = await ask('cpu', 'cpu');
  const started = Date.now();
  await cfn.send(new sdk.UpdateStackCommand({ StackName: 'bench', TemplateBody: template('app:v2'), Capabilities: ['CAPABILITY_IAM'] }));
  const status = await settle();
  const wall = (Date.now() - started) / 1000;
  const cpuAfter = await ask('cpu', 'cpu');
  polling = false;
  await poller;
  const cpu = (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / 1e6;
  console.log(`update (${SERVICES} services, CANARY 10 % / 5 min at time scale ${TIME_SCALE}): ${status} in ${wall.toFixed(1)} s wall`);
  console.log(`  emulated canary bake alone: ${(300 / TIME_SCALE).toFixed(1)} s; overhead over it: ${(wall - 300 / TIME_SCALE).toFixed(1)} s`);
  console.log(`  local cloud CPU: ${cpu.toFixed(2)} s (${((cpu / wall) * 100).toFixed(0)} % of one core) while answering ${polls} polls (${(polls / wall).toFixed(1)} requests/s)`);
  cfn.destroy();
  ecs.destroy();
  elbv2.destroy();
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.send('stop');
  await exited;
  rmSync(stateDir, { recursive: true, force: true });
}
