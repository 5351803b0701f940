/**
 * The account the credentials belong to (STS GetCallerIdentity), asked once per client: every S3
 * call on the assets bucket names it as the expected bucket owner, and a run makes many.
 */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { StpError } from '../../errors/stp-error.js';

const accounts = new WeakMap<STSClient, Promise<string>>();

export function callerAccountId(sts: STSClient): Promise<string> {
  let account = accounts.get(sts);
  if (!account) {
    account = askAccount(sts);
    accounts.set(sts, account);
    // A failure is not cached: the next call asks again (e.g. after a throttled first try).
    account.catch(() => accounts.delete(sts));
  }
  return account;
}

async function askAccount(sts: STSClient): Promise<string> {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  if (!identity.Account) {
    throw new StpError('aws', 'STS GetCallerIdentity answered without an account id, so stp cannot tell which buckets are yours.', {
      code: 'STP_AWS_NO_ACCOUNT_ID',
      fix: 'Check the endpoint (--endpoint-url, AWS_ENDPOINT_URL): it must answer GetCallerIdentity like AWS STS.',
    });
  }
  return identity.Account;
}
