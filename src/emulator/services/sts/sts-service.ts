/**
 * STS, just what stp needs: GetCallerIdentity answers as the emulator's fixed account root.
 */
import type { EmulatorContext, EmulatorService } from '../../core/service.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';

export function createStsService(ctx: EmulatorContext): EmulatorService {
  return {
    signingName: 'sts',
    async handle(operation) {
      if (operation === 'GetCallerIdentity') {
        return {
          UserId: ctx.accountId,
          Account: ctx.accountId,
          Arn: `arn:aws:iam::${ctx.accountId}:root`,
        };
      }
      throw new UnsupportedOperationError('sts', operation);
    },
  };
}
