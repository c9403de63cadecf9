/** Non-blocking findings about a valid request, returned in ValidationResult.Warnings and the execution output. */
import type { ProvisioningRequest } from '../contract.ts';
import { isExistingDirectory } from '../contract.ts';

/** Managed Microsoft AD typically needs ~37 minutes to become Active. */
export const MICROSOFT_AD_TYPICAL_MINUTES = 45;

export const requestWarnings = (request: ProvisioningRequest, directoryTimeoutSeconds: number): string[] => {
  const warnings: string[] = [];
  const d = request.Directory;
  const type = isExistingDirectory(d) ? undefined : (d.Type ?? 'SimpleAD');
  if (type === 'MicrosoftAD' && directoryTimeoutSeconds < MICROSOFT_AD_TYPICAL_MINUTES * 60) {
    warnings.push(
      `Options.DirectoryTimeoutMinutes is ${directoryTimeoutSeconds / 60}: AWS Managed Microsoft AD usually takes ` +
        `about 37 minutes to become Active; less than ${MICROSOFT_AD_TYPICAL_MINUTES} risks DirectoryActivationTimeoutError.`,
    );
  }
  return warnings;
};
