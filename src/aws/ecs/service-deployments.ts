/**
 * ECS native service deployments (BLUE_GREEN / CANARY / LINEAR) as the watchers read them:
 * the newest deployment of a service, its details, the revision's load-balancer wiring, and the
 * tasks that stopped. Every enum is passed through as an open string (SDKs do the same).
 */
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  type ECSClient,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';

type Call = <T>(fn: () => Promise<T>) => Promise<T>;
const direct: Call = (fn) => fn();

/** `arn:aws:ecs:<region>:<account>:service/<cluster>/<service>` → its parts (old-style ARNs have no cluster). */
export function parseServiceArn(arn: string): { cluster?: string; service: string } | undefined {
  const m = /^arn:[^:]+:ecs:[^:]*:[^:]*:service\/(?:([^/]+)\/)?([^/]+)$/.exec(arn);
  if (!m) return undefined;
  return m[1] !== undefined ? { cluster: m[1], service: m[2]! } : { service: m[2]! };
}

/** The newest service deployment created at or after `after` (ListServiceDeployments, every page). */
export async function latestServiceDeploymentArn(
  ecs: ECSClient,
  target: { cluster?: string; service: string; after?: Date },
  call: Call = direct,
): Promise<string | undefined> {
  let nextToken: string | undefined;
  let best: { arn: string; createdAt: number } | undefined;
  do {
    const page = await call(() =>
      ecs.send(
        new ListServiceDeploymentsCommand({
          cluster: target.cluster,
          service: target.service,
          ...(target.after ? { createdAt: { after: target.after } } : {}),
          nextToken,
        }),
      ),
    );
    for (const brief of page.serviceDeployments ?? []) {
      if (!brief.serviceDeploymentArn) continue;
      const createdAt = (brief.createdAt ?? brief.startedAt)?.getTime() ?? 0;
      if (!best || createdAt >= best.createdAt) best = { arn: brief.serviceDeploymentArn, createdAt };
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return best?.arn;
}

export async function describeServiceDeployment(ecs: ECSClient, arn: string, call: Call = direct): Promise<ServiceDeployment | undefined> {
  const out = await call(() => ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })));
  return out.serviceDeployments?.[0];
}

export interface RevisionTraffic {
  /** The target group this revision's tasks serve from, and the production listener rule (or NLB listener). */
  targetGroupArn?: string;
  productionListenerRule?: string;
}

/** Where a revision's production traffic is decided (resolvedConfiguration, else the declared load balancer). */
export async function revisionTraffic(ecs: ECSClient, revisionArn: string, call: Call = direct): Promise<RevisionTraffic> {
  const out = await call(() => ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] })));
  const revision = out.serviceRevisions?.[0];
  const resolved = revision?.resolvedConfiguration?.loadBalancers?.[0];
  const declared = revision?.loadBalancers?.[0];
  const result: RevisionTraffic = {};
  const tg = resolved?.targetGroupArn ?? declared?.targetGroupArn;
  const rule = resolved?.productionListenerRule ?? declared?.advancedConfiguration?.productionListenerRule;
  if (tg) result.targetGroupArn = tg;
  if (rule) result.productionListenerRule = rule;
  return result;
}

export interface StoppedTask {
  taskArn: string;
  reason: string;
  stoppedAt?: Date;
  /** The first container that exited non-zero (or the first with an exit code). */
  container?: string;
  exitCode?: number;
  containerReason?: string;
}

/** Tasks of the service that stopped (ListTasks STOPPED + DescribeTasks), except those in `known`. */
export async function stoppedTasks(
  ecs: ECSClient,
  target: { cluster?: string; service: string },
  known: ReadonlySet<string>,
  call: Call = direct,
): Promise<StoppedTask[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(() => ecs.send(new ListTasksCommand({ cluster: target.cluster, serviceName: target.service, desiredStatus: 'STOPPED', nextToken })));
    arns.push(...(page.taskArns ?? []).filter((arn) => !known.has(arn)));
    nextToken = page.nextToken;
  } while (nextToken);
  const out: StoppedTask[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    const page = await call(() => ecs.send(new DescribeTasksCommand({ cluster: target.cluster, tasks: arns.slice(i, i + 100) })));
    for (const task of page.tasks ?? []) {
      if (!task.taskArn) continue;
      const containers = task.containers ?? [];
      const exited = containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0) ?? containers.find((c) => c.exitCode !== undefined);
      const record: StoppedTask = { taskArn: task.taskArn, reason: task.stoppedReason ?? task.stopCode ?? 'stopped' };
      if (task.stoppedAt) record.stoppedAt = task.stoppedAt;
      if (exited?.name) record.container = exited.name;
      if (exited?.exitCode !== undefined) record.exitCode = exited.exitCode;
      if (exited?.reason) record.containerReason = exited.reason;
      out.push(record);
    }
  }
  return out;
}
