/**
 * STS, just what stp needs: GetCallerIdentity answers as the caller's account root (the
 * emulator's account, or the one a 12-digit access key id names: server/caller-account.ts).
 */
import type { EmulatorContext, EmulatorService } from '../../core/service.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';

export function createStsService(ctx: EmulatorContext): EmulatorService {
  return {
    signingName: 'sts',
    async handle(operation, _input, request) {
      if (operation === 'GetCallerIdentity') {
        const account = request.accountId || ctx.accountId;
        return {
          UserId: account,
          Account: account,
          Arn: `arn:aws:iam::${account}:root`,
        };
      }
      throw new UnsupportedOperationError('sts', operation);
    },
  };
}
