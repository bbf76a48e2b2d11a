import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { text } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOrgUnit } from '../../src/db/repositories/org-units.js';
import { S3EvidenceStore, storeEvidence } from '../../src/domain/evidence/index.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { exeSample, pdfSample } from './evidence-samples.js';

/**
 * The S3-compatible store against a real S3 API: moto's standalone server, when the machine has it
 * (`pip install "moto[server]"`). Skipped otherwise — the local store's tests cover the shared logic.
 */
const motoAvailable = spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

describe.skipIf(!motoAvailable)('evidence in an S3-compatible bucket', () => {
  let moto: ChildProcess;
  let endpoint: string;
  let db: TestDatabase;
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    for (let i = 0; ; i++) {
      const up = await fetch(endpoint).then(
        () => true,
        () => false,
      );
      if (up) break;
      if (i > 150) throw new Error('moto_server did not start');
      await sleep(100);
    }
    const admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
    await admin.send(new CreateBucketCommand({ Bucket: 'evidence' }));
    admin.destroy();
    db = await backends()[0]!.open();
    await upsertOrgUnit(db.db, { code: '11215', name: '광진구', nameEn: 'Gwangjin-gu', kind: 'district' });
  });
  afterAll(async () => {
    moto?.kill();
    await db?.destroy();
  });

  const store = () => new S3EvidenceStore({ bucket: 'evidence', endpoint, region: 'us-east-1', ...credentials });

  it('stores under the sha256, reads back, and knows what it holds', async () => {
    const s = store();
    const blob = await s.put(pdfSample('s3'));
    expect(blob.size).toBe(pdfSample('s3').length);
    expect(await s.exists(blob.sha256)).toBe(true);
    expect(await s.exists('f'.repeat(64))).toBe(false);
    expect(await text(await s.open(blob.sha256))).toBe(pdfSample('s3').toString());
    s.close();
  });

  it('accepts evidence through the same service and stores identical bytes once', async () => {
    const s = store();
    const actor = { userId: null, label: 'officer.11215' };
    const put = (fileName: string, content: Buffer) => storeEvidence(db.db, s, { fileName, content, orgUnitCode: '11215', actor }, { maxBytes: 1024 * 1024 });
    const a = await put('실적.pdf', pdfSample('dedupe'));
    const b = await put('실적 사본.pdf', pdfSample('dedupe'));
    expect(b.evidence.sha256).toBe(a.evidence.sha256);
    await expect(put('virus.pdf', exeSample())).rejects.toMatchObject({ code: 'file_type_not_allowed' });
    const admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
    const listed = await admin.send(new ListObjectsV2Command({ Bucket: 'evidence', Prefix: 'evidence/' }));
    const keys = (listed.Contents ?? []).map((o) => o.Key);
    expect(keys.filter((k) => k?.endsWith(a.evidence.sha256))).toHaveLength(1);
    expect(keys.every((k) => /^evidence\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(k ?? ''))).toBe(true);
    admin.destroy();
    s.close();
  });
});
