import { X509Certificate, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { LIMITS, readRegularFile } from '../shared/limits.js';
import { UnsupportedKeyError, signatureAlgorithmOf } from './algorithms.js';
import { createSelfSignedCertificate, pemBlocks, toPem } from './certificate.js';
import { Pkcs12Error, readPkcs12 } from './pkcs12.js';

/** A private key ready to sign with, and what identifies it. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** The signer's certificate first, then any chain certificates, as PEM; needed to sign PDFs. */
  certificatePem?: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo, 64 lower-case hex digits; shown as `SHA256:<hex>`. */
  fingerprint: string;
  /** The certificate's subject, `CN=…`, when there is a certificate. */
  subject?: string;
}

/** Where {@link loadSigningKey} finds the certificate and passphrase. */
export interface LoadSigningKeyOptions {
  /** Certificate PEM; default `certificate.pem` beside the key, when it exists. */
  certPath?: string;
  passphrase?: string;
  /** A PKCS#12 file holding key and certificate; `keyPath` is then not read. */
  p12Path?: string;
}

/** A public key a verifier trusts, and where it came from. */
export interface TrustedKey {
  publicKey: KeyObject;
  fingerprint: string;
  /** `keys/public.pem`, or `trusted.pem#2` for the second key in a file. */
  source: string;
  subject?: string;
}

/** The key files `auditpack keygen` writes. */
export interface GeneratedKeys {
  privateKeyPem: string;
  publicKeyPem: string;
  certificatePem: string;
  fingerprint: string;
}

/** Options for {@link generateSigningKeys}. */
export interface GenerateOptions {
  commonName: string;
  /** Certificate validity start: the caller's "now" (pure code reads no clock). */
  notBefore: Date;
  validDays: number;
  /** Encrypts the private key (PKCS#8, AES-256-CBC) when given. */
  passphrase?: string;
}

/** SHA-256 of a key's DER SubjectPublicKeyInfo, hex: `openssl pkey -pubin -outform DER | openssl dgst -sha256`. */
export function fingerprintOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** `SHA256:<hex>`, the way fingerprints are shown to people and written in manifests. */
export function displayFingerprint(fingerprint: string): string {
  return `SHA256:${fingerprint}`;
}

/** A new ECDSA P-256 key pair with a self-signed certificate, as PEM text. */
export function generateSigningKeys(options: GenerateOptions): GeneratedKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const notAfter = new Date(options.notBefore.getTime() + options.validDays * 86_400_000);
  const certificatePem = createSelfSignedCertificate(privateKey, publicKey, {
    commonName: options.commonName,
    notBefore: options.notBefore,
    notAfter,
  });
  const privateKeyPem = options.passphrase
    ? privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: options.passphrase })
    : privateKey.export({ type: 'pkcs8', format: 'pem' });
  return {
    privateKeyPem: privateKeyPem.toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    certificatePem,
    fingerprint: fingerprintOf(publicKey),
  };
}

/**
 * Loads a signing key: a PEM private key (PKCS#8 or traditional, encrypted or not) with the
 * certificate beside it or named by `certPath`, or a PKCS#12 file. The certificate must be for
 * this key. Only ECDSA P-256 and RSA ≥ 2048 keys are accepted.
 */
export async function loadSigningKey(keyPath: string, options: LoadSigningKeyOptions = {}): Promise<SigningKey> {
  const source = options.p12Path ?? keyPath;
  const bytes = await readKeyFile(source, 'key');
  let privateKey: KeyObject;
  let certificates: Buffer[] = [];
  let certSource = source;
  if (options.p12Path !== undefined || !bytes.subarray(0, 64).toString('latin1').includes('-----BEGIN')) {
    try {
      ({ privateKey, certificates } = readPkcs12(bytes, options.passphrase ?? ''));
    } catch (error) {
      if (!(error instanceof Pkcs12Error)) throw error;
      const hint = options.passphrase === undefined ? ' Give its passphrase with --passphrase-env VAR.' : '';
      throw new AuditpackError('KEY_INVALID', `${source}: ${error.message}.${hint}`);
    }
  } else {
    privateKey = parsePrivateKey(bytes, source, options.passphrase);
  }
  checkSupported(privateKey, source);
  const certPath = options.certPath ?? (options.p12Path === undefined && certificates.length === 0 ? await besideKey(keyPath) : undefined);
  if (certPath !== undefined) {
    certSource = certPath;
    certificates = pemBlocks((await readKeyFile(certPath, 'certificate')).toString('utf8'), 'CERTIFICATE');
    certificates.forEach((der, i) => parseCertificate(der, certPath, i));
    if (certificates.length === 0)
      throw new AuditpackError(
        'KEY_INVALID',
        `${certPath}: holds no PEM certificate. Give the signer's certificate (-----BEGIN CERTIFICATE-----).`,
      );
  }
  const fingerprint = fingerprintOf(privateKey);
  const key: SigningKey = {
    privateKey,
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint,
  };
  const ordered = orderCertificates(certificates, fingerprint);
  if (certificates.length > 0 && ordered === undefined) {
    throw new AuditpackError(
      'KEY_INVALID',
      `${certSource}: no certificate in it is for the key in ${source} (key ${displayFingerprint(fingerprint)}). Give the certificate issued for this key with --cert.`,
    );
  }
  if (ordered) {
    key.certificatePem = ordered.map((der) => toPem('CERTIFICATE', der)).join('');
    key.subject = subjectOf(ordered[0] as Buffer);
  }
  return key;
}

/**
 * Reads the public keys a verifier trusts: a file of one or more PEM blocks, each a public key
 * (`-----BEGIN PUBLIC KEY-----`) or a certificate whose key is trusted. Text outside the blocks
 * (comments naming the keys) is ignored.
 */
export async function loadTrustedKeys(path: string): Promise<TrustedKey[]> {
  const text = (await readKeyFile(path, 'public key')).toString('utf8');
  const keys: TrustedKey[] = [];
  pemBlocks(text, 'PUBLIC KEY').forEach((der, i) => keys.push(trusted(parsePublicKey(der, path, i), path)));
  for (const [i, der] of pemBlocks(text, 'CERTIFICATE').entries()) {
    const certificate = parseCertificate(der, path, i);
    keys.push({ ...trusted(certificate.publicKey, path), subject: oneLine(certificate.subject) });
  }
  if (keys.length === 0) {
    const privateHint = /PRIVATE KEY-----/.test(text)
      ? ' It holds a private key: give the public key instead (public.pem), and keep the private key away from the evidence.'
      : '';
    throw new AuditpackError(
      'KEY_INVALID',
      `${path}: holds no PEM public key or certificate.${privateHint || ' Give public.pem from "auditpack keygen" or the signer\'s certificate.'}`,
    );
  }
  if (keys.length > 1) keys.forEach((key, i) => (key.source = `${path}#${i + 1}`));
  return keys;
}

/** A PEM block's DER as a public key; a damaged body is the user's bad key, not a bug. */
function parsePublicKey(der: Buffer, path: string, index: number): KeyObject {
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch (error) {
    throw new AuditpackError(
      'KEY_INVALID',
      `${path}: PUBLIC KEY block ${index + 1} is damaged (${messageOf(error)}). Give public.pem from "auditpack keygen" or the signer's certificate, as it was issued.`,
    );
  }
}

/** A PEM block's DER as a certificate; a damaged body is the user's bad key, not a bug. */
function parseCertificate(der: Buffer, path: string, index: number): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (error) {
    throw new AuditpackError(
      'KEY_INVALID',
      `${path}: CERTIFICATE block ${index + 1} is damaged (${messageOf(error)}). Give the certificate as it was issued.`,
    );
  }
}

function trusted(publicKey: KeyObject, source: string): TrustedKey {
  return { publicKey, fingerprint: fingerprintOf(publicKey), source };
}

async function readKeyFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readRegularFile(path, LIMITS.keyBytes);
  } catch (error) {
    throw new AuditpackError('KEY_INVALID', `${path}: cannot read the ${what} file (${messageOf(error)}). Check the path.`);
  }
}

function parsePrivateKey(pem: Buffer, path: string, passphrase: string | undefined): KeyObject {
  if (!/PRIVATE KEY-----/.test(pem.toString('latin1'))) {
    throw new AuditpackError(
      'KEY_INVALID',
      `${path}: is not a PEM private key. Give private.pem from "auditpack keygen", or a PKCS#12 file with --p12.`,
    );
  }
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem.toString('latin1'));
  if (encrypted && passphrase === undefined) {
    throw new AuditpackError(
      'KEY_INVALID',
      `${path}: the private key is encrypted. Put its passphrase in an environment variable and name it with --passphrase-env VAR.`,
    );
  }
  try {
    return createPrivateKey(passphrase === undefined ? { key: pem } : { key: pem, passphrase });
  } catch (error) {
    // A wrong passphrase surfaces as "bad decrypt" or, when the garbage happens to pad correctly,
    // as a decoder error: for an encrypted key either way the passphrase is the thing to check.
    if (encrypted && passphrase !== undefined) {
      throw new AuditpackError(
        'KEY_INVALID',
        `${path}: cannot decrypt the private key with the passphrase given (${messageOf(error)}). Check the passphrase variable.`,
      );
    }
    throw new AuditpackError('KEY_INVALID', `${path}: cannot read the private key (${messageOf(error)}).`);
  }
}

function checkSupported(key: KeyObject, path: string): void {
  try {
    signatureAlgorithmOf(key);
  } catch (error) {
    if (!(error instanceof UnsupportedKeyError)) throw error;
    throw new AuditpackError(
      'KEY_INVALID',
      `${path}: ${error.keyDescription} keys are not supported. Use an ECDSA P-256 key ("auditpack keygen") or RSA of 2048 bits or more.`,
    );
  }
}

async function besideKey(keyPath: string): Promise<string | undefined> {
  const candidate = join(dirname(keyPath), 'certificate.pem');
  try {
    return (await stat(candidate)).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** The certificates with the one for `fingerprint` first, or undefined when none is for it. */
function orderCertificates(certificates: Buffer[], fingerprint: string): Buffer[] | undefined {
  const index = certificates.findIndex((der) => fingerprintOf(new X509Certificate(der).publicKey) === fingerprint);
  if (index < 0) return undefined;
  return [certificates[index] as Buffer, ...certificates.filter((_, i) => i !== index)];
}

function subjectOf(der: Buffer): string {
  return oneLine(new X509Certificate(der).subject);
}

/** Node prints subjects one attribute a line; people read `CN=…, O=…`. */
function oneLine(subject: string): string {
  return subject.split('\n').filter(Boolean).join(', ');
}
