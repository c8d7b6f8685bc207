import { useTranslation } from 'react-i18next';
import { system } from '../../../src/interop/fhir/systems';
import { useScheme } from '../registry/draft';

/**
 * What a facility's or a health information exchange's FHIR client needs to be set up: the
 * server's base, and the systems this scheme's identifiers and codes are named by. The systems
 * come from the server's own code, so the page cannot tell another story.
 */
export function FhirSection() {
  const { t } = useTranslation();
  const scheme = useScheme();
  const s = scheme.data;
  const base = `${window.location.origin}/fhir`;
  const rows: [string, string][] = s
    ? [
        ['fhir.memberNumber', system.memberNumber(s.id)],
        ['fhir.nationalId', system.nationalId(s.country)],
        ['fhir.claimNumber', system.claimNumber(s.id)],
        ['fhir.careCategory', system.careCategory(s.id)],
        ['fhir.service', system.serviceCode(s.id)],
        ['fhir.facilityCode', system.facilityCode(s.id)],
      ]
    : [];
  return (
    <>
      <h2>{t('fhir.title')}</h2>
      <p>
        {t('fhir.intro')} <code>{base}</code> (
        <a href="/fhir/metadata" target="_blank" rel="noreferrer">
          {t('fhir.metadata')}
        </a>
        )
      </p>
      <table className="list" aria-label={t('fhir.systems')}>
        <tbody>
          {rows.map(([label, uri]) => (
            <tr key={label}>
              <th scope="row">{t(label)}</th>
              <td>
                <code>{uri}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
