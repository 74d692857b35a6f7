import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha1Hex } from '../../src/awsCliCache/sha1Hex';

describe('sha1Hex', () => {
  it('matches node:crypto on known cache keys', () => {
    expect(sha1Hex('corp')).toBe('ee0bfd2552fbd840c02cc48b6e823320543c450f');
    // The AWS CLI's role-credential cache name for account 123456789012, role Dev, session corp.
    expect(sha1Hex('{"accountId":"123456789012","roleName":"Dev","sessionName":"corp"}')).toBe('ecc1e3c8d4fe9b118d11b9cfe1c4a2a4f4a548ae');
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('matches node:crypto on arbitrary strings of every length around the block boundaries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha1Hex(text)).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 2000 },
    );
    for (let n = 0; n < 140; n++) {
      const text = 'x'.repeat(n);
      expect(sha1Hex(text)).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
    }
  });
});
