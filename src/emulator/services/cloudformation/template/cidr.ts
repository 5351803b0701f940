import { AwsServiceError } from '../../../core/aws-error.js';

/**
 * Fn::Cidr for IPv4: `count` consecutive subnets with `cidrBits` host bits, carved from the start
 * of `ipBlock` (e.g. ["10.0.0.0/16", 3, 8] → 10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24).
 */
export function cidrSubnets(ipBlock: string, count: number, cidrBits: number): string[] {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(ipBlock);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const prefix = Number(match?.[5]);
  if (!match || octets.some((octet) => octet > 255) || prefix > 32) {
    throw new AwsServiceError('ValidationError', `Template error: Fn::Cidr ipBlock ${ipBlock} is not a valid IPv4 CIDR block (IPv6 is not supported locally)`);
  }
  const newPrefix = 32 - cidrBits;
  if (!Number.isInteger(count) || count < 1 || count > 256 || !Number.isInteger(cidrBits) || newPrefix < prefix || newPrefix > 32) {
    throw new AwsServiceError('ValidationError', `Template error: Fn::Cidr cannot make ${count} subnets of /${newPrefix} from ${ipBlock}`);
  }
  const base = (((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!) >>> 0;
  const size = 2 ** cidrBits;
  if (count * size > 2 ** (32 - prefix)) {
    throw new AwsServiceError('ValidationError', `Template error: Fn::Cidr cannot make ${count} subnets of /${newPrefix} from ${ipBlock}`);
  }
  const start = base - (base % 2 ** (32 - prefix));
  return Array.from({ length: count }, (_, i) => {
    const address = start + i * size;
    return `${[24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')}/${newPrefix}`;
  });
}
