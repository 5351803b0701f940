/**
 * The parameters of the local SSM Parameter Store, per region, each with its version history.
 * SecureString values are kept in plaintext in the emulator's state file next to a random stand-in
 * ciphertext (the local cloud has no KMS; see the emulator README).
 */

export type ParameterType = 'String' | 'StringList' | 'SecureString';

export interface ParameterVersion {
  version: number;
  type: ParameterType;
  value: string;
  /** What GetParameter without decryption answers for a SecureString (base64, random). */
  ciphertext?: string;
  description?: string;
  keyId?: string;
  /** Epoch ms. */
  lastModified: number;
}

export interface ParameterRecord {
  region: string;
  name: string;
  dataType: string;
  tier: string;
  tags: { Key: string; Value: string }[];
  versions: ParameterVersion[];
}

export interface ParameterStoreSnapshot {
  parameters: ParameterRecord[];
}

/** AWS keeps the last 100 versions of a parameter. */
export const MAX_VERSIONS = 100;

export class ParameterStore {
  private readonly parameters = new Map<string, ParameterRecord>();

  constructor(private readonly changed: () => void) {}

  get(region: string, name: string): ParameterRecord | undefined {
    return this.parameters.get(key(region, name));
  }

  put(parameter: ParameterRecord): void {
    if (parameter.versions.length > MAX_VERSIONS) parameter.versions.splice(0, parameter.versions.length - MAX_VERSIONS);
    this.parameters.set(key(parameter.region, parameter.name), parameter);
    this.changed();
  }

  delete(parameter: ParameterRecord): void {
    this.parameters.delete(key(parameter.region, parameter.name));
    this.changed();
  }

  serialize(): ParameterStoreSnapshot {
    return { parameters: [...this.parameters.values()] };
  }

  restore(saved: ParameterStoreSnapshot): void {
    this.parameters.clear();
    for (const parameter of saved.parameters ?? []) this.parameters.set(key(parameter.region, parameter.name), parameter);
  }
}

function key(region: string, name: string): string {
  return `${region}\n${name}`;
}
