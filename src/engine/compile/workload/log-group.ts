import type { CfnResource, CfnValue } from '../compile-contract.js';

/** Retention when `logging.retentionDays` is not set. */
export const defaultLogRetentionDays = 90;

export interface LoggingConfig {
  disabled?: boolean;
  retentionDays?: number;
}

export function logGroup(name: CfnValue, logging: LoggingConfig | undefined): CfnResource {
  return {
    Type: 'AWS::Logs::LogGroup',
    Properties: { LogGroupName: name, RetentionInDays: logging?.retentionDays ?? defaultLogRetentionDays },
  };
}
