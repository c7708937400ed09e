/**
 * PKCS#11 signer: the USB tokens Vietnamese CAs issue (and SoftHSM in tests). The token is driven
 * through OpenSC's `pkcs11-tool` (Debian package `opensc`) in a subprocess rather than a native
 * Node binding — see docs/decisions/029-signing.md: no compiler or Node headers are needed where
 * the product is installed, and a token library that crashes takes down a child, not the server.
 * The PIN goes to the child in an environment variable (`--pin env:…`), never on its command line.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningError, type KeySigner } from './types.ts';

export interface Pkcs11Options {
  /** The token's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so or the CA's driver. */
  module: string;
  /** The token label (pkcs11-tool --token-label). */
  tokenLabel: string;
  /** The key pair's and certificate's CKA_ID in hex, e.g. "01"; optional when the token holds one key. */
  keyId?: string | undefined;
  pin: string;
  /** Extra environment for the child (e.g. SOFTHSM2_CONF). */
  env?: Record<string, string> | undefined;
  tool?: string | undefined;
  timeoutMs?: number | undefined;
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { env, timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) {
        reject(
          new SigningError(
            'pkcs11',
            `Thiết bị ký số (token) không ký được: ${stderr.trim().split('\n').pop() ?? err.message}`,
            `The signing token failed: ${stderr.trim().split('\n').pop() ?? err.message}`,
            { cause: err },
          ),
        );
        return;
      }
      resolve(stdout);
    });
  });
}

export class Pkcs11Signer implements KeySigner {
  readonly kind = 'pkcs11' as const;
  private readonly o: Pkcs11Options;
  private chain: Buffer[] | null = null;

  constructor(o: Pkcs11Options) {
    if (o.keyId !== undefined && !/^(?:[0-9a-fA-F]{2})+$/.test(o.keyId))
      throw new SigningError('pkcs11_config', 'Mã khóa (key id) phải là chuỗi hex.', 'The key id must be hex.');
    this.o = o;
  }

  private base(): string[] {
    const a = ['--module', this.o.module, '--token-label', this.o.tokenLabel];
    if (this.o.keyId) a.push('--id', this.o.keyId);
    return a;
  }

  private async withTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'motcua-p11-'));
    try {
      return await fn(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.o.env, MOTCUA_PKCS11_PIN: this.o.pin };
  }

  async certificates(): Promise<Buffer[]> {
    if (this.chain) return this.chain;
    const der = await this.withTemp(async (dir) => {
      const out = join(dir, 'cert.der');
      await run(
        this.o.tool ?? 'pkcs11-tool',
        [...this.base(), '--read-object', '--type', 'cert', '--output-file', out],
        { ...process.env, ...this.o.env },
        this.o.timeoutMs ?? 30_000,
      );
      return readFile(out);
    });
    this.chain = [der];
    return this.chain;
  }

  async sign(data: Buffer): Promise<Buffer> {
    return this.withTemp(async (dir) => {
      const input = join(dir, 'in.bin');
      const output = join(dir, 'out.bin');
      await writeFile(input, data);
      await run(
        this.o.tool ?? 'pkcs11-tool',
        [
          ...this.base(),
          '--login',
          '--pin',
          'env:MOTCUA_PKCS11_PIN',
          '--sign',
          '--mechanism',
          'SHA256-RSA-PKCS',
          '--input-file',
          input,
          '--output-file',
          output,
        ],
        this.env(),
        this.o.timeoutMs ?? 30_000,
      );
      return readFile(output);
    });
  }
}
