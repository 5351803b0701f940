import type { Clock } from '../../../core/clock.js';
import type { LambdaBackend, LogsBackend, S3Backend } from '../../../core/backends.js';
import type { CustomResourceBroker } from '../custom-resource/custom-resource-broker.js';
import { ResourceFailure, type Provisioner } from './provisioner.js';
import { RESOURCE_IDENTITIES } from './resource-identities.js';
import { isCustomResourceType } from '../../../../cloudformation/custom-resource-type.js';
import { customResourceProvisioner } from './types/custom-resource.js';
import { lambdaFunctionProvisioner } from './types/lambda-function.js';
import { logGroupProvisioner } from './types/log-group.js';
import { recordOnlyProvisioner } from './types/record-only.js';
import { s3BucketProvisioner } from './types/s3-bucket.js';

export interface ProvisionerRegistryDeps {
  lambda: LambdaBackend;
  logs: LogsBackend;
  s3: S3Backend;
  broker: CustomResourceBroker;
  clock: Clock;
  endpoint(): string;
  log(line: string): void;
  requestToken(): string;
  /** Extra provisioners by type (e.g. ECS services once the local ECS exists); they win over the built-in ones. */
  extra?: Record<string, Provisioner>;
}

export interface ProvisionerRegistry {
  provisionerFor(type: string): Provisioner;
}

/**
 * Which provisioner handles a type: real ones for what other emulated services serve (functions,
 * log groups, buckets, custom resources), record-only with AWS-shaped IDs for the identity table,
 * and the generic record-only one (logged once per type) for everything else.
 */
export function createProvisionerRegistry(deps: ProvisionerRegistryDeps): ProvisionerRegistry {
  const recordOnly = recordOnlyProvisioner();
  const real: Record<string, Provisioner> = {
    'AWS::Lambda::Function': lambdaFunctionProvisioner(deps, deps.requestToken),
    'AWS::Logs::LogGroup': logGroupProvisioner(deps.logs, deps.requestToken),
    'AWS::S3::Bucket': s3BucketProvisioner(deps.s3, deps.requestToken),
  };
  const custom = customResourceProvisioner(deps);
  const unsupported = (what: string): Provisioner => {
    const refuse = async (): Promise<never> => {
      throw new ResourceFailure(`The local cloud does not support ${what}.`);
    };
    return { create: refuse, update: refuse, delete: async () => undefined };
  };
  real['AWS::CloudFormation::Stack'] = unsupported('nested stacks (AWS::CloudFormation::Stack)');
  const warned = new Set<string>();
  return {
    provisionerFor(type) {
      const added = deps.extra?.[type];
      if (added) return added;
      if (isCustomResourceType(type)) return custom;
      const provisioner = real[type];
      if (provisioner) return provisioner;
      if (!RESOURCE_IDENTITIES[type] && !warned.has(type)) {
        warned.add(type);
        deps.log(`cloudformation: ${type} is only recorded by the local cloud (generated physical ID and attributes; nothing is provisioned)`);
      }
      return recordOnly;
    },
  };
}
