import { assetBucketParameter } from './compile-contract.js';

/**
 * Template parameters every stp stack has. The deploy passes both:
 * - `StpAssetsBucket`: the bucket the packager uploaded assets to;
 * - `StpDeploymentId`: a fresh value on every deploy (e.g. a timestamp or UUID), so after:deploy
 *   scripts run on every deploy while the compiled template itself stays deterministic.
 */
export const deploymentIdParameter = 'StpDeploymentId';

export const stackParameters: Record<string, Record<string, unknown>> = {
  [assetBucketParameter]: {
    Type: 'String',
    Description: 'S3 bucket holding the packaged code of this stack (set by stp at deploy).',
  },
  [deploymentIdParameter]: {
    Type: 'String',
    Default: 'none',
    Description: 'A fresh value on every deploy, so after:deploy scripts run on every deploy.',
  },
};
