import { connectionsFor, type ConnectGrant, type GrantResource } from '../../config/connect-to/resolve-connections.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { buildLogicalName } from '../logical-names.js';
import type { ResourceView } from '../resource-compiler.js';
import type { IamStatement } from '../workload/iam-role.js';
import type { ConnectToCompiler, WorkloadAccess } from '../workload/workload-access.js';
import { dataStoreSecurityGroupLogicalId } from './data-security-group.js';

/**
 * A workload's `connectTo`, compiled: config-semantics decides what each target gives
 * (`connectionsFor`: `STP_*` variables as `$ResourceParam` directives, IAM grants naming the
 * target's params, security-group grants with a port); this module turns that into CloudFormation:
 * the variables' values, IAM statements for the workload's role, and an ingress rule on a data
 * store's security group from the workload's own security group.
 */

/** Targets whose security group stp's data compilers own (container workloads open their own). */
const DATA_STORE_TYPES = ['relational-database', 'redis-cluster'];
/** Accessibility modes that need the workload inside the VPC. */
const VPC_ONLY_MODES = ['vpc', 'scoping-workloads-in-vpc'];

export const connectIngressLogicalId = (target: string, workload: string, port: number): string =>
  buildLogicalName({ resourceName: target, specifier: { type: `${workload}Port${port}` }, cfnType: 'AWS::EC2::SecurityGroupIngress' });

function connectToPath(workload: ResourceView, target: string): ConfigPath {
  const list = workload.properties.connectTo;
  const index = Array.isArray(list) ? list.indexOf(target) : -1;
  return index === -1 ? [...workload.path, 'properties', 'connectTo'] : [...workload.path, 'properties', 'connectTo', index];
}

/** A target's param as a CloudFormation value (nested directives such as `$Secret` converted). */
function paramValue(ctx: CompileContext, target: string, param: string, at: ConfigPath): CfnValue | undefined {
  const value = ctx.referenceParam(target, param, at);
  return value === undefined ? undefined : ctx.resolveValue(value, at);
}

function iamResource(ctx: CompileContext, resource: GrantResource, at: ConfigPath): CfnValue | undefined {
  if ('any' in resource) return '*';
  const value = paramValue(ctx, resource.target, resource.param, at);
  if (value === undefined) return undefined;
  return resource.suffix ? { 'Fn::Join': ['', [value, resource.suffix]] } : value;
}

function accessibilityMode(target: ResourceView): string {
  const mode = (target.properties.accessibility as { accessibilityMode?: unknown } | undefined)?.accessibilityMode;
  if (typeof mode === 'string') return mode;
  // Databases default to internet access, Redis clusters to the VPC.
  return target.type === 'redis-cluster' ? 'vpc' : 'internet';
}

function securityGroupGrant(ctx: CompileContext, workload: ResourceView, grant: Extract<ConnectGrant, { kind: 'security-group' }>): void {
  const target = ctx.resource(grant.target);
  if (!target || !DATA_STORE_TYPES.includes(target.type)) return;
  const at = connectToPath(workload, grant.target);
  const sourceGroup = ctx.names.workloadSecurityGroup(workload.name);
  const targetGroup = dataStoreSecurityGroupLogicalId(target.name);
  const ingressId = connectIngressLogicalId(target.name, workload.name, grant.port);
  ctx.addResource(
    ingressId,
    {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: { 'Fn::GetAtt': [targetGroup, 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: grant.port,
        ToPort: grant.port,
        SourceSecurityGroupId: { 'Fn::GetAtt': [sourceGroup, 'GroupId'] },
        Description: `connectTo from ${workload.name}`,
      },
    },
    at,
  );
  // Whether the workload runs in the VPC (and so has a security group) is settled by its own
  // compiler; decide once every resource exists.
  ctx.addFinalizer((resources) => {
    if (Object.hasOwn(resources, sourceGroup) && Object.hasOwn(resources, targetGroup)) return;
    delete resources[ingressId];
    if (Object.hasOwn(resources, targetGroup) && VPC_ONLY_MODES.includes(accessibilityMode(target))) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_CONNECT_OUTSIDE_VPC',
        severity: 'warning',
        message: `"${workload.name}" connects to "${target.name}", which is reachable only inside the VPC, but "${workload.name}" does not run in the VPC.`,
        path: at,
        hint: workload.type === 'function' || workload.type === 'deployment-script' ? 'set joinDefaultVpc: true' : undefined,
      });
    }
  });
}

/** Compiles `connectTo` of a workload (function, deployment script, container workload, batch job). */
export const connectWorkload: ConnectToCompiler = (ctx: CompileContext, workload: ResourceView): WorkloadAccess => {
  const connectTo = workload.properties.connectTo;
  if (!Array.isArray(connectTo) || connectTo.length === 0) return { statements: [], environment: {} };
  // Only the named targets: building the whole resource map per workload was O(n²) over a stack.
  const resources: Record<string, { type: string; properties: Record<string, unknown> }> = Object.create(null);
  for (const entry of connectTo) {
    if (typeof entry !== 'string' || Object.hasOwn(resources, entry)) continue;
    const target = ctx.resource(entry);
    if (target) resources[entry] = { type: target.type, properties: target.properties };
  }
  const kind = workload.type === 'deployment-script' ? 'script' : 'workload';
  const { variables, grants } = connectionsFor(connectTo, resources, kind);

  const environment: Record<string, CfnValue> = {};
  for (const variable of variables) {
    const [target, param] = variable.value.args as [string, string];
    // Params a target's configuration does not produce (e.g. a stream ARN without a stream) are left out.
    const value = paramValue(ctx, target, param, connectToPath(workload, variable.target));
    if (value !== undefined) environment[variable.name] = value;
  }

  const statements: IamStatement[] = [];
  for (const grant of grants) {
    if (grant.kind === 'security-group') {
      securityGroupGrant(ctx, workload, grant);
      continue;
    }
    const at = connectToPath(workload, grant.target);
    const resourcesOut = grant.resources.map((r) => iamResource(ctx, r, at)).filter((r): r is CfnValue => r !== undefined);
    if (resourcesOut.length === 0) continue;
    statements.push({ Effect: 'Allow', Action: grant.actions, Resource: resourcesOut });
  }
  return { statements, environment };
};
