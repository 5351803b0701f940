import { describe, expect, it } from 'vitest';
import { cidrSubnets } from '../../../../../src/emulator/services/cloudformation/template/cidr.js';

describe('cidrSubnets (Fn::Cidr)', () => {
  it('carves consecutive subnets from the start of the block', () => {
    expect(cidrSubnets('10.0.0.0/16', 3, 8)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(cidrSubnets('192.168.0.0/24', 2, 6)).toEqual(['192.168.0.0/26', '192.168.0.64/26']);
    expect(cidrSubnets('172.31.0.0/16', 1, 12)).toEqual(['172.31.0.0/20']);
  });

  it('rejects blocks too small for the request and non-IPv4 input', () => {
    expect(() => cidrSubnets('10.0.0.0/24', 5, 6)).toThrow('Fn::Cidr cannot make 5 subnets of /26 from 10.0.0.0/24');
    expect(() => cidrSubnets('fd00::/56', 1, 64)).toThrow(/not a valid IPv4 CIDR block/);
  });
});
