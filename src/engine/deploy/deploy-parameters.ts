/**
 * Values for every stp parameter a compiled template declares (`deployParameters(template)`):
 * the assets bucket, a fresh deployment id, and — only when the template asks — the default VPC
 * and its subnets (one EC2 lookup).
 */
import { randomBytes } from 'node:crypto';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { findDefaultVpc, type DefaultVpc } from '../../aws/ec2/default-vpc.js';
import { awsCall } from '../../aws/errors/aws-error-sentence.js';
import { StpError } from '../../errors/stp-error.js';
import { deployParameters } from '../compile/stack-parameters.js';

/** Sortable and unique: the time, then randomness (two deploys in one millisecond still differ). */
export function newDeploymentId(now: Date = new Date()): string {
  return `${now.toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 18)}-${randomBytes(3).toString('hex')}`;
}

export interface DeployParameterInputs {
  bucket: string;
  deploymentId: string;
  ec2: EC2Client;
  region: string;
}

export async function resolveDeployParameters(template: { Parameters?: Record<string, unknown> }, inputs: DeployParameterInputs): Promise<Record<string, string>> {
  const wanted = deployParameters(template);
  const values: Record<string, string> = {};
  let vpc: Promise<DefaultVpc> | undefined;
  const defaultVpc = () =>
    (vpc ??= awsCall({ doing: 'find the default VPC', resource: inputs.region }, () => findDefaultVpc(inputs.ec2)).then((found) => {
      if (!found || found.subnetIds.length === 0) {
        throw new StpError('environment', `The region ${inputs.region} has no default VPC${found ? ' subnets' : ''}, and this stack joins it.`, {
          code: 'STP_NO_DEFAULT_VPC',
          fix: 'Create one with `aws ec2 create-default-vpc`, or deploy to a region that has it.',
        });
      }
      return found;
    }));
  for (const { name, source } of wanted) {
    switch (source) {
      case 'assets-bucket':
        values[name] = inputs.bucket;
        break;
      case 'deployment-id':
        values[name] = inputs.deploymentId;
        break;
      case 'default-vpc-id':
        values[name] = (await defaultVpc()).vpcId;
        break;
      case 'default-subnet-ids':
        values[name] = (await defaultVpc()).subnetIds.join(',');
        break;
      case 'vpc-cidr':
        values[name] = (await defaultVpc()).cidrBlock;
        break;
    }
  }
  return values;
}
