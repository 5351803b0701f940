import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../../core/clock.js';
import type { LambdaBackend } from '../../../../core/backends.js';
import type { CustomResourceBroker } from '../../custom-resource/custom-resource-broker.js';
import { type Provisioner, type ProvisionRequest, ResourceFailure } from '../provisioner.js';

/** CloudFormation waits one hour for a custom resource's response. */
export const CUSTOM_RESOURCE_TIMEOUT_MS = 60 * 60 * 1000;

export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

interface CustomResourceDeps {
  lambda: LambdaBackend;
  broker: CustomResourceBroker;
  clock: Clock;
  endpoint(): string;
}

/**
 * Custom resources: the real request event goes to the service-token Lambda (asynchronously, as
 * CloudFormation invokes it), and the resource settles when the handler PUTs its response to the
 * ResponseURL, or fails after CloudFormation's one-hour timeout (scaled by the clock).
 */
export function customResourceProvisioner(deps: CustomResourceDeps): Provisioner {
  async function send(
    requestType: 'Create' | 'Update' | 'Delete',
    request: ProvisionRequest,
    extra: { PhysicalResourceId?: string; OldResourceProperties?: Record<string, unknown> },
  ) {
    const serviceToken = request.properties.ServiceToken;
    if (typeof serviceToken !== 'string' || serviceToken === '') {
      throw new ResourceFailure('Missing required property [ServiceToken]');
    }
    if (!serviceToken.startsWith('arn:aws:lambda:') && serviceToken.startsWith('arn:')) {
      throw new ResourceFailure(`The local cloud only runs custom resources backed by a Lambda function; ServiceToken ${serviceToken} is not one.`);
    }
    const requestId = randomUUID();
    const { token, response } = deps.broker.expect();
    const event = {
      RequestType: requestType,
      ServiceToken: serviceToken,
      ResponseURL: `${deps.endpoint()}/__stp/cfn-response/${token}`,
      StackId: request.stack.stackId,
      RequestId: requestId,
      LogicalResourceId: request.logicalId,
      ...(extra.PhysicalResourceId !== undefined ? { PhysicalResourceId: extra.PhysicalResourceId } : {}),
      ResourceType: request.type,
      ResourceProperties: request.properties,
      ...(extra.OldResourceProperties !== undefined ? { OldResourceProperties: extra.OldResourceProperties } : {}),
    };
    let settled: Promise<void> | undefined;
    try {
      ({ settled } = await deps.lambda.invokeFunction(serviceToken, Buffer.from(JSON.stringify(event)), { invocationType: 'Event' }));
    } catch (error) {
      deps.broker.cancel(token);
      throw new ResourceFailure(`Failed to invoke the custom resource handler ${serviceToken}: ${(error as Error).message}`);
    }
    const timer = new AbortController();
    const onAbort = () => timer.abort();
    request.signal.addEventListener('abort', onAbort, { once: true });
    const aborted = new Promise<'aborted'>((resolve) => timer.signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
    // The hour counts from the end of the handler's run: the handler's own time (a cold start on a
    // busy machine is wall time, not scaled) must not eat a budget the time scale shrank to seconds.
    const timeout = (settled ?? Promise.resolve())
      .then(() => deps.clock.sleep(CUSTOM_RESOURCE_TIMEOUT_MS, timer.signal))
      .then(
        () => 'timeout' as const,
        () => 'aborted' as const,
      );
    try {
      const outcome = await Promise.race([response, timeout, aborted]);
      if (outcome === 'timeout' || outcome === 'aborted') {
        deps.broker.cancel(token);
        // Not a ResourceFailure: the deployer reports a cancelled step itself ("Resource … cancelled").
        if (outcome === 'aborted') throw new Error('custom resource request cancelled');
        throw new ResourceFailure(
          `CloudFormation did not receive a response from your Custom Resource. Please check your logs for requestId [${requestId}]. ` +
            'If you are using the Python cfn-response module, you may need to update your Lambda function code so that CloudFormation can attach the updated version.',
        );
      }
      if (outcome.Status === 'FAILED') {
        // CloudFormation keeps the PhysicalResourceId of a failed Create and sends it a Delete on rollback.
        throw new ResourceFailure(
          `Received response status [FAILED] from custom resource. Message returned: ${outcome.Reason ?? ''} (RequestId: ${requestId})`,
          requestType === 'Create' && typeof outcome.PhysicalResourceId === 'string' && outcome.PhysicalResourceId !== '' ? outcome.PhysicalResourceId : undefined,
        );
      }
      if (requestType !== 'Delete' && (typeof outcome.PhysicalResourceId !== 'string' || outcome.PhysicalResourceId === '')) {
        throw new ResourceFailure('Invalid PhysicalResourceId');
      }
      return outcome;
    } catch (error) {
      if (error instanceof ResourceFailure || request.signal.aborted) throw error;
      throw new ResourceFailure((error as Error).message);
    } finally {
      timer.abort();
      request.signal.removeEventListener('abort', onAbort);
    }
  }

  return {
    async create(request) {
      const outcome = await send('Create', request, {});
      return { physicalId: outcome.PhysicalResourceId!, attributes: { ...(outcome.Data ?? {}) } };
    },
    async update(request) {
      const outcome = await send('Update', request, { PhysicalResourceId: request.physicalId, OldResourceProperties: request.oldProperties });
      return { physicalId: outcome.PhysicalResourceId!, attributes: { ...(outcome.Data ?? {}) } };
    },
    async delete(request) {
      await send('Delete', request, { PhysicalResourceId: request.physicalId });
    },
  };
}
