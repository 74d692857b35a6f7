import { AwscredsError } from '../../src/runtime/AwscredsError';

describe('AwscredsError', () => {
  it('is recognised by instanceof across copies of the class (the build may bundle it twice)', () => {
    jest.isolateModules(() => {
      const { AwscredsError: OtherCopy } = require('../../src/runtime/AwscredsError') as typeof import('../../src/runtime/AwscredsError');
      expect(OtherCopy).not.toBe(AwscredsError);
      const error = new OtherCopy('CONFIG', 'bad', 'fix it');
      expect(error instanceof AwscredsError).toBe(true);
      expect(new Error('x') instanceof AwscredsError).toBe(false);
      expect(error.exitCode).toBe(3);
      expect(error.toUserText((word) => word)).toBe('awscreds: bad\n  fix: fix it');
    });
  });
});
