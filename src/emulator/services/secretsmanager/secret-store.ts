/**
 * The secrets of the local Secrets Manager, per region: each secret with its versions and their
 * staging labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING, custom ones). The values are kept as given,
 * in the emulator's state file: the local cloud has no KMS (see the emulator README).
 */
import { randomBytes } from 'node:crypto';

export interface SecretVersion {
  versionId: string;
  secretString?: string;
  /** Base64, as the JSON protocol carries it. */
  secretBinary?: string;
  /** Epoch ms. */
  createdAt: number;
  stages: string[];
}

export interface SecretRecord {
  region: string;
  name: string;
  arn: string;
  description?: string;
  kmsKeyId?: string;
  tags: { Key: string; Value: string }[];
  createdAt: number;
  lastChangedAt: number;
  /** Epoch ms of the day (00:00 UTC) the value was last read, as AWS reports it. */
  lastAccessedAt?: number;
  /** Set while the secret is scheduled for deletion. */
  deletedAt?: number;
  /** The DeletionDate reported (deletedAt + the recovery window). */
  deletionDate?: number;
  /** Wall-clock epoch ms at which the scheduled deletion happens (the window on the emulator's clock). */
  purgeAt?: number;
  versions: SecretVersion[];
}

export interface SecretStoreSnapshot {
  secrets: SecretRecord[];
}

const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX`: AWS appends six random characters. */
export function secretArn(region: string, accountId: string, name: string): string {
  const suffix = [...randomBytes(6)].map((byte) => SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length]).join('');
  return `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`;
}

export class SecretStore {
  private readonly secrets = new Map<string, SecretRecord>();

  constructor(
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  /** A secret by name, full ARN or partial ARN (without the random suffix); purges one whose window has passed. */
  find(region: string, secretId: string): SecretRecord | undefined {
    this.purgeExpired();
    if (secretId.startsWith('arn:')) {
      for (const secret of this.secrets.values()) {
        if (secret.region !== region) continue;
        if (secret.arn === secretId) return secret;
        if (secret.arn.slice(0, secret.arn.length - 7) === secretId) return secret;
      }
      return undefined;
    }
    return this.secrets.get(key(region, secretId));
  }

  list(region: string): SecretRecord[] {
    this.purgeExpired();
    return [...this.secrets.values()].filter((secret) => secret.region === region);
  }

  put(secret: SecretRecord): void {
    this.secrets.set(key(secret.region, secret.name), secret);
    this.changed();
  }

  remove(secret: SecretRecord): void {
    this.secrets.delete(key(secret.region, secret.name));
    this.changed();
  }

  touch(): void {
    this.changed();
  }

  serialize(): SecretStoreSnapshot {
    return { secrets: [...this.secrets.values()] };
  }

  restore(saved: SecretStoreSnapshot): void {
    this.secrets.clear();
    for (const secret of saved.secrets ?? []) this.secrets.set(key(secret.region, secret.name), secret);
  }

  private purgeExpired(): void {
    const now = this.now();
    for (const [id, secret] of this.secrets) {
      if (secret.purgeAt !== undefined && secret.purgeAt <= now) {
        this.secrets.delete(id);
        this.changed();
      }
    }
  }
}

function key(region: string, name: string): string {
  return `${region}\n${name}`;
}
