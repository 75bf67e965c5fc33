import { bigintNumber } from '@tinystack/db';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An EC P-256 token signing key. The private key never leaves this table and the process
 * that signs with it: no API returns it and it is never logged.
 */
@Entity({ name: 'signing_keys' })
export class SigningKeyEntity {
  /** RFC 7638 JWK thumbprint of the public key. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid!: string;

  @Column({ type: 'varchar', length: 16 })
  algorithm!: string;

  /** PKCS#8 PEM. */
  @Column({ name: 'private_key_pem', type: 'text' })
  privateKeyPem!: string;

  /** SubjectPublicKeyInfo PEM. */
  @Column({ name: 'public_key_pem', type: 'text' })
  publicKeyPem!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;

  /** When a newer key replaced it for signing; kept until every token it signed has expired. */
  @Column({ name: 'retired_at', type: 'bigint', nullable: true, transformer: bigintNumber })
  retiredAt!: number | null;
}
