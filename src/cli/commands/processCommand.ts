import type { CommandModule } from '../CommandModule';
import { credentialOptions, credentialSetFromArgs } from '../credentialOptions';

export const processCommand: CommandModule = {
  command: 'process',
  describe: 'Print the credential_process JSON for a profile, for the AWS CLI and SDKs to run',
  options: credentialOptions,
  examples: [
    ['awscreds process --profile dev', '{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …, "Expiration": …}'],
    ['credential_process = awscreds process --profile dev', 'in another profile of ~/.aws/config: any AWS SDK or tool gets dev\'s credentials through awscreds'],
  ],
  async run(args, context) {
    const set = await credentialSetFromArgs(args, context);
    const { renderCredentialProcess } = await import('../../render/renderFormats');
    return { stdout: renderCredentialProcess(set), exitCode: 0 };
  },
};
