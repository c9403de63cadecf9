/** ACM PCA (awsJson1_1, `ACMPrivateCA.`): DescribeCertificateAuthority. */
import { ApiError } from '../core/api-error.ts';
import { str } from '../core/service.ts';
import type { ServiceDef } from '../core/service.ts';

/** ASN1Subject members from `CN=…,O=…,OU=…,C=…` (the seed's notation). */
const SUBJECT_KEYS: Record<string, string> = { CN: 'CommonName', O: 'Organization', OU: 'OrganizationalUnit', C: 'Country' };
const subjectOf = (text: string): Record<string, string> =>
  Object.fromEntries(
    text.split(',').flatMap((part) => {
      const [k, ...v] = part.split('=');
      const key = SUBJECT_KEYS[(k ?? '').trim()];
      return key ? [[key, v.join('=').trim()]] : [];
    }),
  );

const CA_ARN = /^arn:[\w+=/,.@-]+:acm-pca:[\w+=/,.@-]*:[0-9]*:certificate-authority\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;

export const acmPca: ServiceDef = {
  name: 'ACMPCA',
  signingName: 'acm-pca',
  endpointVariable: 'AWS_ENDPOINT_URL_ACM_PCA',
  protocol: 'awsJson',
  targetPrefix: 'ACMPrivateCA',
  ops: {
    DescribeCertificateAuthority(input, ctx) {
      const arn = str(input, 'CertificateAuthorityArn');
      if (!arn || !CA_ARN.test(arn)) throw new ApiError('InvalidArnException', `The ARN ${arn ?? 'null'} is not valid.`);
      const ca = ctx.seed.certificateAuthorities.find((c) => c.Arn === arn);
      if (!ca) throw new ApiError('ResourceNotFoundException', `Could not find certificate authority ${arn}.`);
      const id = arn.split('/').pop() ?? '';
      return {
        CertificateAuthority: {
          Arn: ca.Arn,
          OwnerAccount: ctx.seed.accountId,
          CreatedAt: 1_700_000_000,
          LastStateChangeAt: 1_700_000_000,
          Type: 'ROOT',
          Serial: id.replace(/-/g, '').slice(0, 16),
          Status: ca.Status,
          CertificateAuthorityConfiguration: {
            KeyAlgorithm: 'RSA_2048',
            SigningAlgorithm: 'SHA256WITHRSA',
            Subject: ca.Subject !== undefined ? subjectOf(ca.Subject) : { CommonName: `Local CA ${id.slice(0, 8)}`, Organization: 'Example Corp' },
          },
          KeyStorageSecurityStandard: 'FIPS_140_2_LEVEL_3_OR_HIGHER',
          UsageMode: 'GENERAL_PURPOSE',
        },
      };
    },
  },
};
