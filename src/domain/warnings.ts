/** Non-blocking findings about a valid request, returned in ValidationResult.Warnings and the execution output. */
import type { ProvisioningRequest } from '../contract.ts';

export const SIMPLE_AD_CONNECTOR_WARNING =
  'Directory.Type is SimpleAD: AWS documents AWS Private CA Connector for Active Directory for AWS Managed ' +
  'Microsoft AD and AD Connector; registering a Simple AD directory can fail with DIRECTORY_TYPE_NOT_SUPPORTED ' +
  '(CreateConnector ValidationException, or connector status FAILED). The Simple AD directory is still created as ' +
  'requested. For a working connector, use Directory.Type: "MicrosoftAD" (with Edition instead of Size).';

/** Managed Microsoft AD typically needs ~37 minutes to become Active. */
export const MICROSOFT_AD_TYPICAL_MINUTES = 45;

export const requestWarnings = (request: ProvisioningRequest, directoryTimeoutSeconds: number): string[] => {
  const warnings: string[] = [];
  const type = request.Directory.Type ?? 'SimpleAD';
  if (type === 'SimpleAD') warnings.push(SIMPLE_AD_CONNECTOR_WARNING);
  if (type === 'MicrosoftAD' && directoryTimeoutSeconds < MICROSOFT_AD_TYPICAL_MINUTES * 60) {
    warnings.push(
      `Options.DirectoryTimeoutMinutes is ${directoryTimeoutSeconds / 60}: AWS Managed Microsoft AD usually takes ` +
        `about 37 minutes to become Active; less than ${MICROSOFT_AD_TYPICAL_MINUTES} risks DirectoryActivationTimeoutError.`,
    );
  }
  return warnings;
};
