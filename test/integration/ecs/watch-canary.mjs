// A second process watching a canary through the SDK alone, as a console in another terminal
// would: every 100 ms it reads the service's current deployment and the production listener
// rule's weights, and prints one line whenever what it sees changes. Ends when the deployment
// reaches a terminal status, or after the given number of seconds.
//   node watch-canary.mjs <endpoint> <region> <seconds>
import { DescribeServiceDeploymentsCommand, DescribeServicesCommand, ECSClient, ListClustersCommand, ListServicesCommand } from '@aws-sdk/client-ecs';
import { DescribeRulesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

const [endpoint, region, seconds] = process.argv.slice(2);
const config = { endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const ecs = new ECSClient(config);
const elbv2 = new ElasticLoadBalancingV2Client(config);
const deadline = Date.now() + Number(seconds) * 1000;
const terminal = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);
let last = '';
let firstArn;

const { clusterArns } = await ecs.send(new ListClustersCommand({}));
const cluster = clusterArns[0];
const { serviceArns } = await ecs.send(new ListServicesCommand({ cluster }));
{
  const { services } = await ecs.send(new DescribeServicesCommand({ cluster, services: [serviceArns[0]] }));
  firstArn = services[0].currentServiceDeployment;
}
// The caller starts the update only after this line: every later deployment is "new".
console.log(`watching ${serviceArns[0]}`);
while (Date.now() < deadline) {
  const { services } = await ecs.send(new DescribeServicesCommand({ cluster, services: [serviceArns[0]] }));
  const service = services[0];
  const rule = service.loadBalancers?.[0]?.advancedConfiguration?.productionListenerRule;
  const { Rules } = await elbv2.send(new DescribeRulesCommand({ RuleArns: [rule] }));
  const groups = Rules[0].Actions[0].ForwardConfig.TargetGroups;
  const blue = groups.find((g) => g.TargetGroupArn === service.loadBalancers[0].targetGroupArn)?.Weight ?? 0;
  const green = groups.find((g) => g.TargetGroupArn === service.loadBalancers[0].advancedConfiguration.alternateTargetGroupArn)?.Weight ?? 0;
  const { serviceDeployments } = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [service.currentServiceDeployment] }));
  const deployment = serviceDeployments[0];
  const seen = `${deployment.serviceDeploymentArn === firstArn ? 'before' : 'new'} ${deployment.status} ${deployment.lifecycleStage ?? '-'} ${blue}/${green}`;
  if (seen !== last) console.log(seen);
  last = seen;
  if (deployment.serviceDeploymentArn !== firstArn && terminal.has(deployment.status)) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
ecs.destroy();
elbv2.destroy();
