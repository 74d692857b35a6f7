/** A started device authorization. `deviceCode` is a secret; the user code is shown to the user. */
export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete?: string;
  /** epoch ms, by the caller's clock */
  readonly expiresAt: number;
  readonly intervalSeconds: number;
}
