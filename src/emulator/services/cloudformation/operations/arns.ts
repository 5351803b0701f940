import { randomUUID } from 'node:crypto';

export function stackArn(region: string, accountId: string, stackName: string): string {
  return `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/${randomUUID()}`;
}

export function changeSetArn(region: string, accountId: string, changeSetName: string): string {
  return `arn:aws:cloudformation:${region}:${accountId}:changeSet/${changeSetName}/${randomUUID()}`;
}
